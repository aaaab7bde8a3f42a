// How long a 500-node flow takes to become usable in the editor: from navigation until every
// node is rendered and a click on a node selects it (the inspector shows it). Target: < 2 s.
//
//   E2E_BASE_URL=http://127.0.0.1:8000 E2E_ADMIN_EMAIL=... E2E_ADMIN_PASSWORD=... node bench/editor_load.mjs
//
// Same environment as the browser specs (tests/e2e); NODES=… changes the size, RUNS=… the repeats.
import { apiSession, env, launch, signIn } from "../tests/e2e/support.mjs";

const NODES = Number(process.env.NODES ?? 500);
const RUNS = Number(process.env.RUNS ?? 3);
const TARGET_MS = 2000;
const COLUMNS = 25;

/** Start → Answer → a chain of typical blocks, laid out on a grid. */
function bigFlow(count) {
  const kinds = [
    ["play", { prompt: { items: [{ kind: "tts", text: "Сообщение номер {{flow.step}}" }] } }, "done"],
    ["menu", { prompt: { items: [{ kind: "tts", text: "Нажмите 1 или 2" }] }, keys: ["1", "2"] }, "1"],
    ["set_variable", { assignments: [{ variable: "step", expression: "1" }] }, "next"],
    ["condition", { expression: "flow.step == 1" }, "true"],
  ];
  const nodes = [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    { id: "answer", type: "answer", position: { x: 300, y: 0 }, data: {} },
  ];
  const outputs = ["next", "next"];
  for (let i = nodes.length; i < count; i += 1) {
    const [type, data, output] = kinds[i % kinds.length];
    nodes.push({ id: `n${i}`, type, position: { x: (i % COLUMNS) * 300, y: Math.floor(i / COLUMNS) * 220 }, data: { ...data, label: `Блок ${i}` } });
    outputs.push(output);
  }
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i].id, sourceHandle: outputs[i], target: node.id }));
  return { nodes, edges };
}

const api = await apiSession();
const flow = await api("POST", "/flows", { name: `Нагрузка ${NODES} блоков ${Date.now().toString(36)}`, graph: bigFlow(NODES) });
const url = `${env.baseUrl}/flows/${flow.id}`;
const probe = "n250";

const { page, close } = await launch();
try {
  await page.goto(env.baseUrl + "/");
  await signIn(page);
  await page.getByTestId("flows-screen").waitFor();

  const timings = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction(
      (count) =>
        document.querySelectorAll(".react-flow__node").length === count &&
        document.querySelector('[data-testid="canvas"]')?.style.opacity !== "0",
      NODES,
      { timeout: 60_000, polling: 20 },
    );
    await page.locator(`.react-flow__node[data-id="${probe}"]`).click();
    await page.waitForSelector(`[data-testid="inspector"][data-node-id="${probe}"]`, { timeout: 60_000 });
    timings.push(Math.round(performance.now() - started));
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`editor_load: ${NODES} nodes, navigation → all rendered and a click selects: ${timings.join(" ms, ")} ms`);
  console.log(`editor_load: median ${median} ms (target < ${TARGET_MS} ms) ${median < TARGET_MS ? "OK" : "OVER TARGET"}`);
} finally {
  await close();
  await api("DELETE", `/flows/${flow.id}`).catch(() => undefined);
}
