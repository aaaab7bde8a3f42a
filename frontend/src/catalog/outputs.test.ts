import { describe, expect, it } from "vitest";
import { entry } from "../test/catalog";
import samples from "../test/outputs.fixture.json";
import { computePorts, outputNames, uniquePorts, withDefaults } from "./outputs";

const TTS = { items: [{ kind: "tts", text: "Здравствуйте" }] };

// The same samples as tests/flow_model/test_outputs.py.
const SAMPLES: [string, Record<string, unknown>, string[]][] = [
  ["menu", { prompt: TTS, keys: ["1", "2", "#"] }, ["1", "2", "#", "timeout", "invalid", "error"]],
  ["menu", { prompt: TTS, keys: ["0"] }, ["0", "timeout", "invalid", "error"]],
  ["switch", { value: "contact.region", cases: ["msk", "spb"] }, ["msk", "spb", "default"]],
  [
    "caller_match",
    { rules: [{ output: "vip", caller_numbers: ["100"] }, { output: "night", time_ranges: [{ start: "22:00", end: "06:00" }] }] },
    ["vip", "night", "no_match"],
  ],
  ["play", { prompt: TTS }, ["done", "error"]],
  ["play", { prompt: TTS, barge_in: true }, ["done", "dtmf", "error"]],
  ["http_request", { url: "https://example.ru" }, ["ok", "error", "timeout"]],
  ["queue", { queue_id: "q" }, ["answered", "timeout", "no_agents", "full", "error"]],
  ["transfer", { target: "101" }, ["answered", "busy", "no_answer", "failed", "error"]],
  ["set_variable", { assignments: [{ variable: "a", expression: "1" }] }, ["next"]],
  ["hangup", {}, []],
];

describe("outputs from parameters", () => {
  it.each(SAMPLES)("%s %j", (type, params, expected) => {
    expect(outputNames(entry(type), params)).toEqual(expected);
  });

  it("agrees with Python on every node of the good flow fixtures", () => {
    expect(samples.length).toBeGreaterThan(20);
    for (const sample of samples) {
      expect(outputNames(entry(sample.type), sample.params), `${sample.fixture}/${sample.node}`).toEqual(sample.outputs);
    }
  });

  it("labels derived outputs from their values and remembers the parameter path", () => {
    const [first] = computePorts(entry("menu"), { prompt: TTS, keys: ["5"] });
    expect(first).toEqual({ name: "5", label: { ru: "Клавиша 5", en: "Key 5" }, waits: true, optional: false, field: "keys.0" });
    const [rule] = computePorts(entry("caller_match"), { rules: [{ output: "vip" }] });
    expect(rule.field).toBe("rules.0.output");
  });

  it("applies schema defaults before conditions", () => {
    expect(withDefaults(entry("play"), {}).barge_in).toBe(false);
    expect(outputNames(entry("play"), { barge_in: false })).toEqual(["done", "error"]);
  });

  it("skips entries without a name yet and draws duplicates once", () => {
    expect(outputNames(entry("caller_match"), { rules: [{}, { output: "" }] })).toEqual(["no_match"]);
    const ports = computePorts(entry("menu"), { keys: ["1", "1"] });
    expect(ports.map((p) => p.name)).toEqual(["1", "1", "timeout", "invalid", "error"]);
    expect(uniquePorts(ports).map((p) => p.name)).toEqual(["1", "timeout", "invalid", "error"]);
  });
});
