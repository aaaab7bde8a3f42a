// Administration end to end, as the people involved work: the provider creates an organisation with its
// first admin; the admin signs in, invites a manager and creates an API key, with which a program uploads
// a contact file; the manager is shown no administration; the provider suspends the organisation (its
// admin is signed out and refused, its key refused) and reactivates it; the audit log shows all of it;
// the provider views the organisation as the provider. Screenshots go to E2E_ARTIFACTS (admin-*.png).
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { storySteps } from "./steps.mjs";
import { apiSession, env, launchPeople, screenshot, signIn, withApiKey } from "./support.mjs";

const RUN = Date.now().toString(36);
const SLUG = `adm-${RUN}`;
const TENANT = `ООО «Админ ${RUN}»`;
// Their passwords: shown once when created (initialPassword), then their own (password).
const ADMIN = { email: `boss-${RUN}@example.com`, name: "Борис" };
const MANAGER = { email: `manager-${RUN}@example.com`, name: "Мария" };
const KEY_NAME = `CRM ${RUN}`;
const TIMEOUT = 15_000;

let people;
let provider; // the provider admin's browser
let admin; // the new organisation's admin, in a browser of their own
let apiKey;
const step = storySteps(() => ({ "admin-provider": provider, "admin-admin": admin }));

async function person() {
  const one = await people.person();
  one.page.setDefaultTimeout(TIMEOUT);
  return one;
}

/** Opens an administration screen from the header's menu. */
async function openAdmin(page, key) {
  await page.getByTestId("nav-admin").click();
  await page.getByTestId(`nav-${key}`).click();
  await page.getByRole("menu").waitFor({ state: "detached" });
}

/** Signs in with the password an administrator was shown, and chooses one's own (repeated as typed). */
async function firstSignIn(page, who, repeatSuffix = "") {
  await page.goto(env.baseUrl + "/");
  await signIn(page, who.email, who.initialPassword);
  await page.getByTestId("must-change-password").waitFor();
  who.password = `own-${who.email}`;
  await page.getByTestId("password-current").fill(who.initialPassword);
  await page.getByTestId("password-new").fill(who.password);
  await page.getByTestId("password-repeat").fill(who.password + repeatSuffix);
  await page.getByTestId("password-submit").click();
}

/** The value of the shown-once dialog, which is then closed. */
async function takeShownOnce(page, shot) {
  const value = (await page.getByTestId("shown-once-value").textContent()).trim();
  assert.ok(value.length >= 8, `a secret is shown: ${value}`);
  if (shot) await screenshot(page, shot);
  await page.getByTestId("shown-once-close").click();
  await page.getByTestId("shown-once-value").waitFor({ state: "detached" });
  return value;
}

async function chooseOption(page, testId, option) {
  await page.getByTestId(testId).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Waits until the field is marked invalid (its message shown). */
const invalid = (page, testId) => page.locator(`[data-testid="${testId}"][aria-invalid="true"]`).waitFor();

const auditRow = (page, action) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first();

before(async () => {
  assert.ok(env.providerEmail && env.providerPassword, "E2E_PROVIDER_EMAIL and E2E_PROVIDER_PASSWORD are needed");
  people = await launchPeople();
});

after(async () => {
  await people?.close();
});

step("the provider signs in to the provider console", async () => {
  provider = await person();
  const { page } = provider;
  await page.goto(env.baseUrl + "/");
  await signIn(page, env.providerEmail, env.providerPassword);
  await page.getByTestId("tenants-screen").waitFor();
  await page.getByTestId("provider-console").waitFor();
  // the console, not an organisation's sections
  assert.equal(await page.getByTestId("nav-flows").count(), 0);
  await page.getByTestId("tenant-row-e2e").waitFor();
  await screenshot(page, "admin-01-provider-tenants");
});

step("the provider creates an organisation with its first admin", async () => {
  const { page } = provider;
  await page.getByTestId("tenant-create").click();
  // inline checks before anything is sent
  await page.getByTestId("tenant-form-submit").click();
  await invalid(page, "tenant-form-name");
  await invalid(page, "tenant-form-admin-email");
  await page.getByTestId("tenant-form-name").fill(TENANT);
  await page.getByTestId("tenant-form-admin-email").fill(ADMIN.email);
  await page.getByTestId("tenant-form-admin-name").fill(ADMIN.name);
  await page.getByTestId("tenant-form-max_users").fill("5");
  // the API's problem details land on their field: this short name is taken
  await page.getByTestId("tenant-form-slug").fill("e2e");
  await page.getByTestId("tenant-form-submit").click();
  await page.getByText("Организация с таким коротким именем уже есть.").waitFor();
  await invalid(page, "tenant-form-slug");
  await screenshot(page, "admin-02-tenant-form-errors");
  await page.getByTestId("tenant-form-slug").fill(SLUG);
  await page.getByTestId("tenant-form-submit").click();
  ADMIN.initialPassword = await takeShownOnce(page, "admin-03-tenant-created");
  const row = page.getByTestId(`tenant-row-${SLUG}`);
  await row.waitFor();
  await row.getByTestId("usage-users").getByText("1 / 5").waitFor();
});

step("the admin signs in and chooses their own password", async () => {
  admin = await person();
  const { page } = admin;
  await firstSignIn(page, ADMIN, "oops"); // the passwords typed differ: said inline, nothing sent
  await page.getByText("Пароли не совпадают").waitFor();
  await page.getByTestId("password-repeat").fill(ADMIN.password);
  await page.getByTestId("password-submit").click();
  await page.getByTestId("flows-screen").waitFor();
  assert.equal(await page.getByTestId("tenant-name").textContent(), TENANT);
});

step("the admin invites a manager", async () => {
  const { page } = admin;
  await openAdmin(page, "users");
  await page.getByTestId("users-screen").waitFor();
  await page.getByTestId("user-create").click();
  await page.getByTestId("user-email").fill(MANAGER.email);
  await page.getByTestId("user-name").fill(MANAGER.name);
  await page.getByTestId("user-form-submit").click(); // the role offered first is manager
  MANAGER.initialPassword = await takeShownOnce(page);
  const row = page.getByTestId(`user-row-${MANAGER.email}`);
  await row.waitFor();
  assert.equal(await row.getByTestId("user-row-role").inputValue(), "Менеджер");
  await screenshot(page, "admin-04-users");
});

step("the admin creates an API key, and a CRM uploads a contact file with it", async () => {
  const { page } = admin;
  await openAdmin(page, "apiKeys");
  await page.getByTestId("api-keys-screen").waitFor();
  await page.getByTestId("api-key-create").click();
  await page.getByTestId("api-key-name").fill(KEY_NAME);
  await page.getByTestId("api-key-form-submit").click();
  await page.getByTestId("curl-examples").getByText("contacts.csv").first().waitFor();
  apiKey = await takeShownOnce(page, "admin-05-api-key-shown-once");
  assert.match(apiKey, /^vfk_/);
  // a CRM uploads a contact file with it, as the screen's curl example shows
  const list = await withApiKey(apiKey, "POST", "/contact-lists", { name: `Должники ${RUN}` });
  assert.equal(list.status, 201, JSON.stringify(list.body));
  const form = new FormData();
  form.set("file", new Blob(["ФИО;Телефон\nИванов Иван;+7 916 000-00-01\nПетров Пётр;89160000002\n"]), "contacts.csv");
  form.set("mapping", JSON.stringify({ name: "ФИО", phones: ["Телефон"] }));
  const upload = await withApiKey(apiKey, "POST", `/contact-lists/${list.body.id}/imports`, form);
  assert.ok(upload.status === 201 || upload.status === 202, JSON.stringify(upload.body));
  let job = upload.body;
  for (let wait = 0; !["completed", "failed"].includes(job.state) && wait < 60; wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = (await withApiKey(apiKey, "GET", `/contact-imports/${upload.body.id}`)).body;
  }
  assert.equal(job.state, "completed", JSON.stringify(job));
  const contacts = await withApiKey(apiKey, "GET", `/contact-lists/${list.body.id}/contacts`);
  assert.equal(contacts.body.items.length, 2);
  await page.reload();
  const row = page.getByTestId(`api-key-row-${KEY_NAME}`);
  await row.waitFor();
  assert.notEqual(await row.getByTestId("api-key-last-used").textContent(), "Не использовался");
  await screenshot(page, "admin-06-api-keys");
});

step("a manager is shown no administration, and the API refuses it anyway", async () => {
  const manager = await person();
  const { page } = manager;
  await firstSignIn(page, MANAGER);
  await page.getByTestId("flows-screen").waitFor();
  assert.equal(await page.getByTestId("nav-admin").count(), 0);
  await page.goto(env.baseUrl + "/admin/users");
  await page.getByTestId("forbidden").waitFor();
  await screenshot(page, "admin-07-manager-forbidden");
  const call = await apiSession(MANAGER.email, MANAGER.password);
  await assert.rejects(call("GET", "/users"), /403.*forbidden\.role/);
  await page.context().close();
});

step("the provider suspends the organisation", async () => {
  const { page } = provider;
  await page.getByTestId(`tenant-row-${SLUG}`).getByTestId("tenant-open").click();
  await page.getByTestId("tenant-screen").waitFor();
  await page.getByTestId("tenant-suspend").click();
  await page.getByTestId("status-submit").click(); // the reason is required
  await invalid(page, "status-reason");
  await page.getByTestId("status-reason").fill("Неоплаченный счёт");
  await page.getByTestId("status-submit").click();
  await page.getByTestId("tenant-suspended").getByText("Неоплаченный счёт").waitFor();
  await screenshot(page, "admin-08-tenant-suspended");
});

step("the suspended organisation's admin is signed out and refused, its key refused", async () => {
  const { page } = admin;
  await openAdmin(page, "settings"); // the next request finds the session ended
  await page.getByTestId("login-notice").waitFor();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByTestId("login-error").getByText("приостановлена").waitFor();
  await screenshot(page, "admin-09-admin-refused");
  const refused = await withApiKey(apiKey, "GET", "/flows");
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, "tenant.suspended");
});

step("the provider reactivates it: the admin and the key work again", async () => {
  const { page } = provider;
  await page.getByTestId("tenant-reactivate").click();
  await page.getByTestId("status-reason").fill("Счёт оплачен");
  await page.getByTestId("status-submit").click();
  await page.getByTestId("tenant-suspend").waitFor();
  await page.getByTestId("tenant-screen").getByTestId("tenant-status").and(page.locator('[data-status="active"]')).waitFor();
  assert.equal((await withApiKey(apiKey, "GET", "/flows")).status, 200);
  await signIn(admin.page, ADMIN.email, ADMIN.password);
  await admin.page.getByTestId("settings-screen").waitFor(); // back where the session ended
});

step("the audit log shows all of it", async () => {
  // the organisation's page, for the provider
  const { page } = provider;
  await page.reload();
  await page.getByTestId("tenant-screen").waitFor();
  for (const action of ["create", "suspend", "reactivate"]) await auditRow(page, action).waitFor();
  await auditRow(page, "suspend").getByText("Неоплаченный счёт").waitFor();
  await page.getByTestId("audit-filters").scrollIntoViewIfNeeded();
  await screenshot(page, "admin-10-tenant-audit");
  // the provider's log of the whole installation, narrowed to this organisation
  await page.getByTestId("nav-providerAudit").click();
  await page.getByTestId("provider-audit-screen").waitFor();
  await chooseOption(page, "audit-tenant", TENANT);
  await auditRow(page, "reactivate").waitFor();
  // the admin's own log: users, keys, and what the provider did to the organisation
  const adminPage = admin.page;
  await openAdmin(adminPage, "audit");
  await adminPage.getByTestId("audit-screen").waitFor();
  for (const action of ["create", "suspend", "reactivate", "login", "change_password"]) await auditRow(adminPage, action).waitFor();
  await auditRow(adminPage, "suspend").getByTestId("audit-via-provider").waitFor();
  // what the key did is the key's
  await adminPage.locator('[data-testid="audit-row"][data-object-type="contact_list"]').getByText(KEY_NAME).waitFor();
  await screenshot(adminPage, "admin-11-admin-audit");
  await chooseOption(adminPage, "audit-object-type", "API-ключ");
  await adminPage.locator('[data-testid="audit-row"][data-object-type="user"]').first().waitFor({ state: "detached" });
  await auditRow(adminPage, "create").getByText(KEY_NAME).waitFor();
});

step("the provider views the organisation as the provider", async () => {
  const { page } = provider;
  await page.getByTestId("nav-providerTenants").click();
  await page.getByTestId(`tenant-row-${SLUG}`).getByTestId("tenant-view-as").click();
  const banner = page.getByTestId("view-as-banner");
  await banner.getByText(TENANT).waitFor();
  await page.getByTestId("flows-screen").waitFor();
  await openAdmin(page, "users");
  await page.getByTestId(`user-row-${MANAGER.email}`).waitFor();
  await screenshot(page, "admin-12-view-as");
  await page.getByTestId("view-as-exit").click();
  await page.getByTestId("tenant-screen").waitFor();
  assert.equal(await banner.count(), 0);
  await auditRow(page, "view_as").waitFor();
});

step("the provider sees the installation's health", async () => {
  const { page } = provider;
  await page.getByTestId("nav-providerHealth").click();
  await page.getByTestId("health-screen").waitFor();
  await page.locator('[data-testid="health-database"][data-state="ok"]').waitFor();
  await page.locator('[data-testid="health-redis"][data-state="ok"]').waitFor();
  await page.locator('[data-testid="health-ari"][data-state="ok"]').first().waitFor();
  await screenshot(page, "admin-13-health");
});

step("everybody has a profile: language, password, other sessions", async () => {
  const { page } = admin;
  await page.getByTestId("user-menu").click();
  await page.getByTestId("nav-profile").click();
  await page.getByTestId("profile-screen").waitFor();
  await screenshot(page, "admin-14-profile");
  await page.getByTestId("logout-others").click();
  await page.getByText(/Завершен/).first().waitFor();
});
