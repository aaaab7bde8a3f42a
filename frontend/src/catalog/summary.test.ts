import { describe, expect, it } from "vitest";
import { INDEX, entry } from "../test/catalog";
import type { ObjectField } from "./form";
import { searchableText, summarize, summaryHasRefs } from "./summary";
import { graphVariables } from "./variables";

const form = (type: string) => INDEX.forms.get(type) as ObjectField;
const names = (ref: string, id: string) => (ref === "audio" && id === "a1" ? "Приветствие" : undefined);

describe("node card summaries", () => {
  it("show the key parameters with defaults and choice labels in the UI language", () => {
    const menu = { prompt: { items: [{ kind: "tts", text: "Нажмите 1" }] }, keys: ["1", "2"] };
    expect(summarize(entry("menu"), form("menu"), menu, "ru", names)).toEqual([
      { field: "keys", title: "Клавиши", text: "1, 2" },
      { field: "timeout", title: "Тайм-аут, с", text: "15" },
    ]);
    expect(summarize(entry("start"), form("start"), {}, "en", names)).toEqual([
      { field: "trigger", title: "Trigger", text: "Inbound call to a number" },
    ]);
  });

  it("name recordings instead of showing their ids, and know when they do", () => {
    const play = { prompt: { items: [{ kind: "audio", audio_id: "a1" }, { kind: "tts", text: "и текст" }] } };
    expect(summarize(entry("play"), form("play"), play, "ru", names)[0].text).toBe("♪ Приветствие, и текст");
    expect(summaryHasRefs(entry("play"), form("play"), play)).toBe(true);
    expect(summaryHasRefs(entry("play"), form("play"), { prompt: { items: [{ kind: "tts", text: "x" }] } })).toBe(false);
  });

  it("collects every text of a node for search", () => {
    expect(searchableText({ label: "Главное", prompt: { items: [{ text: "Нажмите ОДИН" }] }, keys: ["1"] })).toBe("главное нажмите один 1");
  });
});

describe("variables offered in templates", () => {
  it("lists flow.* set by blocks and contact.* fields the flow mentions", () => {
    const nodes = [
      { type: "collect", data: { variable: "pin" } },
      { type: "set_variable", data: { assignments: [{ variable: "total", expression: "contact.debt * 2" }] } },
      { type: "play", data: { prompt: { items: [{ kind: "tts", text: "{{contact.name}}, {{flow.total}}" }] } } },
    ];
    expect(graphVariables(INDEX, nodes)).toEqual({ flow: ["pin", "total"], contact: ["debt", "name"] });
  });
});
