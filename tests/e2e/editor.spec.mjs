// The editor end to end, in the order a person works: sign in, draw a flow from the palette,
// fill it in, watch validation, undo/redo, publish, bind a number, test-call it, roll back.
// Screenshots of every main screen go to E2E_ARTIFACTS.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { storySteps } from "./steps.mjs";
import { connect, env, launch, screenshot, signIn } from "./support.mjs";

const RUN = Date.now().toString(36);
const FLOW = `Приём звонков ${RUN}`;
const MENU_TEXT = "Здравствуйте! Нажмите 1, чтобы узнать часы работы.";
const PLAY_TEXT = "Мы работаем с девяти до шести. Спасибо за звонок!";
const NUMBER = `8495${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
const TIMEOUT = 15_000;

let browser;
let page;
let problems = [];
const step = storySteps(() => ({ "": { page, problems } }));

const byTest = (id) => page.getByTestId(id);
const node = (id) => page.locator(`.react-flow__node[data-id="${id}"]`);
const edges = () => page.locator(".react-flow__edge").count();
const issueOn = (nodeId, field) => page.locator(`[data-testid="issue"][data-node-id="${nodeId}"][data-field="${field}"]`);

async function dropBlock(type, x, y) {
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="canvas"]', { targetPosition: { x, y } });
}

async function select(id) {
  await byTest("tab-inspector").click();
  await node(id).locator(".vf-node-head").click();
  await page.waitForSelector(`[data-testid="inspector"][data-node-id="${id}"]`);
}

async function waitSaved() {
  await page.waitForSelector('[data-testid="save-status"][data-status="saved"]', { timeout: TIMEOUT });
}

before(async () => {
  ({ page, problems, close: browser } = await launch());
  page.setDefaultTimeout(TIMEOUT);
});

after(async () => {
  await browser?.();
});

step("signs in", async () => {
  await page.goto(env.baseUrl + "/");
  await byTest("login-form").waitFor();
  await screenshot(page, "01-login");
  await signIn(page);
  await byTest("flows-screen").waitFor();
  await byTest("tenant-name").waitFor();
});

step("creates a flow", async () => {
  await screenshot(page, "02-flows-list");
  await byTest("flow-create").click();
  await byTest("flow-name").fill(FLOW);
  await byTest("flow-form-submit").click();
  await byTest("editor").waitFor();
  await byTest("canvas-empty").waitFor();
  assert.equal(await byTest("editor-flow-name").textContent(), FLOW);
});

step("drags Start, Answer, Menu, Play and Hang up from the palette", async () => {
  await dropBlock("start", 40, 40);
  await dropBlock("answer", 330, 40);
  await dropBlock("menu", 40, 230);
  await dropBlock("play", 330, 230);
  await dropBlock("hangup", 560, 420);
  for (const id of ["start_1", "answer_1", "menu_1", "play_1", "hangup_1"]) await node(id).waitFor();
  await byTest("canvas-empty").waitFor({ state: "detached" });
});

step("fills the menu's keys and prompt in the inspector", async () => {
  await select("menu_1");
  await byTest("field-prompt.items.0.text").fill(MENU_TEXT);
  await byTest("add-keys").click();
  await byTest("field-keys.0").fill("1");
  await page.locator('[data-testid="output-menu_1-1"]').waitFor();
  await screenshot(page, "04-inspector");
});

step("shows a validation error and clears it once fixed", async () => {
  await select("play_1");
  // client-side, at once: the speech text is required
  const text = byTest("field-prompt.items.0.text");
  assert.equal(await text.getAttribute("aria-invalid"), "true");
  // server-side, after autosave: listed in the validation panel and marked on the canvas
  await waitSaved();
  await byTest("tab-issues").click();
  await issueOn("play_1", "prompt.items.0.text").waitFor();
  await page.waitForSelector('.react-flow__node[data-id="play_1"] .vf-issue-error');
  await screenshot(page, "05-validation");
  await issueOn("play_1", "prompt.items.0.text").click(); // focuses the block and the field
  await page.waitForSelector('[data-testid="inspector"][data-node-id="play_1"]');
  await text.fill(PLAY_TEXT);
  assert.notEqual(await text.getAttribute("aria-invalid"), "true");
  await waitSaved();
  await byTest("tab-issues").click();
  await issueOn("play_1", "prompt.items.0.text").waitFor({ state: "detached" });
});

step("connects the blocks by their outputs", async () => {
  await connect(page, "start_1", "next", "answer_1");
  await connect(page, "answer_1", "next", "menu_1");
  await connect(page, "menu_1", "1", "play_1");
  await connect(page, "play_1", "done", "hangup_1");
  assert.equal(await edges(), 4);
  // one edge per output: a second connection from "Далее" is refused with a message
  await connect(page, "start_1", "next", "menu_1");
  await page.getByText("уже соединён").waitFor();
  assert.equal(await edges(), 4);
  await screenshot(page, "03-editor");
});

step("undoes and redoes", async () => {
  await page.locator(".react-flow__pane").click({ position: { x: 700, y: 20 } });
  await page.keyboard.press("Control+z");
  assert.equal(await edges(), 3);
  await page.keyboard.press("Control+Shift+z");
  assert.equal(await edges(), 4);
  await byTest("undo").click();
  assert.equal(await edges(), 3);
  await byTest("redo").click();
  assert.equal(await edges(), 4);
});

step("publishes", async () => {
  await waitSaved();
  await page.waitForFunction(() => !document.querySelector('[data-testid="publish"]')?.disabled, null, { timeout: TIMEOUT });
  await byTest("publish").click();
  await byTest("publish-dialog-note").fill("Первая версия: меню и часы работы");
  await byTest("publish-dialog-submit").click();
  await page.getByText("Опубликована версия 1").waitFor();
});

step("binds a number to the flow", async () => {
  await byTest("nav-numbers").click();
  await byTest("numbers-screen").waitFor();
  await byTest("number-input").fill(NUMBER);
  await byTest("number-add-submit").click();
  const row = page.locator('[data-testid^="number-row-+7495"]').filter({ hasText: NUMBER.slice(4) });
  await row.waitFor();
  await row.getByTestId("number-flow").click();
  await page.getByRole("option", { name: FLOW }).click();
  await page.getByText("привязан").first().waitFor();
  await screenshot(page, "07-numbers");
});

step("places a test call, presses a key and follows the path", async () => {
  await byTest("nav-flows").click();
  await page.locator(`[data-testid="flow-row-${FLOW}"]`).getByTestId("flow-open").click();
  await byTest("editor").waitFor();
  await byTest("tab-simulator").click();
  await byTest("sim-call").click();
  const transcript = byTest("sim-transcript");
  await transcript.getByText(MENU_TEXT).waitFor({ timeout: 30_000 });
  await page.waitForSelector('.react-flow__node[data-id="menu_1"] .vf-sim-active');
  await byTest("sim-key-1").click();
  await transcript.getByText(PLAY_TEXT).waitFor({ timeout: 30_000 });
  for (const id of ["start_1", "answer_1", "menu_1", "play_1"]) {
    await page.waitForSelector(`.react-flow__node[data-id="${id}"] :is(.vf-sim-visited, .vf-sim-active)`);
  }
  assert.ok((await page.locator(".react-flow__edge.vf-edge-taken").count()) >= 3);
  await screenshot(page, "06-simulator");
  await page.waitForSelector('[data-testid="sim-transcript"][data-live="false"]', { timeout: 30_000 });
});

step("compares versions and rolls back", async () => {
  // a second version to compare with: rename the play block and publish
  await select("play_1");
  await byTest("field-label").fill("Часы работы");
  await waitSaved();
  await byTest("publish").click();
  await byTest("publish-dialog-submit").click();
  await page.getByText("Опубликована версия 2").waitFor();
  await byTest("tab-versions").click();
  await byTest("diff-show").click();
  await byTest("view-banner").waitFor();
  await page.waitForSelector('.react-flow__node[data-id="play_1"] .vf-diff-changed');
  await screenshot(page, "08-versions-diff");
  await byTest("view-back").click();
  await byTest("version-1").getByTestId("version-rollback").click();
  await byTest("rollback-dialog-note").fill("Вернули первую версию");
  await byTest("rollback-dialog-submit").click();
  await page.getByText("Выполнен откат к версии 1").waitFor();
  await byTest("version-3").waitFor();
  await node("play_1").getByText("Часы работы").waitFor({ state: "detached" });
});

step("uploads, lists and deletes a recording", async () => {
  const name = `privetstvie-${RUN}`;
  await byTest("nav-audio").click();
  await byTest("audio-screen").waitFor();
  await page.locator('[data-testid="audio-upload"] input[type="file"]').setInputFiles({
    name: `${name}.wav`,
    mimeType: "audio/wav",
    buffer: silentWav(0.5),
  });
  await byTest("audio-upload-submit").click();
  const row = page.locator(`[data-testid="audio-row-${name}"]`);
  await row.waitFor();
  await screenshot(page, "09-audio");
  await row.getByTestId("audio-delete").click();
  await byTest("confirm-ok").click(); // destructive actions ask first
  await row.waitFor({ state: "detached" });
});

/** A valid 8 kHz mono 16-bit WAV of silence. */
function silentWav(seconds) {
  const samples = Math.round(8000 * seconds);
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write("RIFF", 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write("WAVEfmt ", 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(8000, 24);
  buffer.writeUInt32LE(16000, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36);
  buffer.writeUInt32LE(samples * 2, 40);
  return buffer;
}
