// Shared by the browser specs and bench/editor_load.mjs: the environment the harness gives,
// Chromium with a fresh profile, a small API client, and canvas helpers.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

// playwright-core is the editor's dev dependency: resolve it from frontend/, wherever this runs from.
const require = createRequire(new URL("../../frontend/package.json", import.meta.url));
const { chromium } = require("playwright-core");

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see docs/editor.md, "Browser tests")`);
  return value;
}

export const env = {
  baseUrl: required("E2E_BASE_URL").replace(/\/+$/, ""),
  adminEmail: required("E2E_ADMIN_EMAIL"),
  adminPassword: required("E2E_ADMIN_PASSWORD"),
  // The installation's provider admin (the administration spec; optional for the others).
  providerEmail: process.env.E2E_PROVIDER_EMAIL,
  providerPassword: process.env.E2E_PROVIDER_PASSWORD,
  artifacts: process.env.E2E_ARTIFACTS ?? join(tmpdir(), "voxflow-e2e-artifacts"),
  chromium: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
};

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

const CONTEXT_OPTIONS = { viewport: { width: 1366, height: 768 }, locale: "ru-RU" };

/** The page's script errors and console errors, collected for failure messages. */
function watch(page) {
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** Chromium on a fresh profile at 1366×768 (the smallest screen the editor is made for). */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "voxflow-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    ...CONTEXT_OPTIONS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    problems: watch(page),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One Chromium for several people at once: each `person()` has its own cookies (a fresh context). */
export async function launchPeople() {
  const browser = await chromium.launch({ executablePath: env.chromium, headless: true, args: CHROMIUM_ARGS });
  return {
    async person() {
      const context = await browser.newContext(CONTEXT_OPTIONS);
      const page = await context.newPage();
      return { page, problems: watch(page) };
    },
    close: () => browser.close(),
  };
}

/** A request with an API key, as a program would send it (a JSON or FormData body); resolves to { status, body }. */
export async function withApiKey(key, method, path, body) {
  const headers = { authorization: `Bearer ${key}` };
  if (body !== undefined && !(body instanceof FormData)) headers["content-type"] = "application/json";
  const response = await fetch(`${env.baseUrl}/api${path}`, {
    method,
    headers,
    body: body === undefined || body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function screenshot(page, name) {
  mkdirSync(env.artifacts, { recursive: true });
  await page.screenshot({ path: join(env.artifacts, `${name}.png`) });
}

/** Signs in through the API with fetch (for setting up data without the browser). */
export async function apiSession(email = env.adminEmail, password = env.adminPassword) {
  const login = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const me = await login.json();
  const cookie = login.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  return async function call(method, path, body) {
    const response = await fetch(`${env.baseUrl}/api${path}`, {
      method,
      headers: { cookie, "x-csrf-token": me.csrf_token, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
}

export async function signIn(page, email = env.adminEmail, password = env.adminPassword) {
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

const centre = (box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Drags from a node's output handle to another node's input, as a person would. */
export async function connect(page, source, output, target) {
  const from = await page.locator(`[data-testid="output-${source}-${output}"] .react-flow__handle`).boundingBox();
  const to = await page.locator(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`).boundingBox();
  if (!from || !to) throw new Error(`cannot see ${source}.${output} or ${target}`);
  const a = centre(from);
  const b = centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}
