import { describe, expect, it } from "vitest";
import { CATALOG, INDEX, entry } from "../test/catalog";
import { NODE_COMPONENTS } from "../editor/nodeTypes";
import { newNodeData, paletteGroups } from "./catalogIndex";
import { buildForm, fieldAt, type FormField, type ObjectField } from "./form";
import { NODE_ICONS } from "./icons";
import { validateParams } from "./validate";

const form = (type: string) => INDEX.forms.get(type) as ObjectField;
const child = (field: ObjectField, name: string) => field.fields.find((f) => f.name === name) as FormField;

describe("every catalog node type is editable", () => {
  it.each(CATALOG.map((e) => [e.type]))("%s has a node component, a form for every parameter and an icon", (type) => {
    const item = entry(type);
    expect(NODE_COMPONENTS[type], "no node component").toBeDefined();
    const built = buildForm(item); // throws UnsupportedSchemaError on a construct the generator lacks
    expect(built.fields.map((f) => f.name)).toEqual(Object.keys(item.json_schema.properties ?? {}));
    for (const field of built.fields) expect(field.title.ru && field.title.en, `${type}.${field.name} title`).toBeTruthy();
    expect(NODE_ICONS[item.icon], `icon ${item.icon}`).toBeDefined();
    for (const name of item.summary_fields) expect(built.fields.some((f) => f.name === name)).toBe(true);
  });
});

describe("palette", () => {
  it("groups types by category in catalog order", () => {
    const groups = paletteGroups(CATALOG);
    expect(groups.flatMap((g) => g.types.map((t) => t.type)).sort()).toEqual(CATALOG.map((e) => e.type).sort());
    expect(groups[0].category).toBe(CATALOG[0].category);
    expect(groups.find((g) => g.category === "input")?.title).toEqual({ ru: "Ввод абонента", en: "Caller input" });
    for (const group of groups) expect(new Set(group.types.map((t) => t.category))).toEqual(new Set([group.category]));
  });
});

describe("form model", () => {
  it("reads kinds, labels and constraints from the schema", () => {
    const menu = form("menu");
    const keys = child(menu, "keys");
    expect(keys.kind).toBe("list");
    expect(keys.kind === "list" && keys.item.kind === "text" && keys.item.pattern).toBe("^[0-9*#]$");
    expect(keys).toMatchObject({ required: true, minItems: 1, maxItems: 12, title: { ru: "Клавиши", en: "Keys" } });
    expect(child(menu, "timeout")).toMatchObject({ kind: "number", integer: true, minimum: 1, maximum: 120, default: 15 });
    const invalid = child(menu, "invalid_prompt");
    expect(invalid).toMatchObject({ kind: "object", nullable: true, required: false });
  });

  it("turns discriminated oneOf into variants with their labels", () => {
    const prompt = child(form("play"), "prompt") as ObjectField;
    const items = child(prompt, "items");
    expect(items.kind === "list" && items.item.kind).toBe("union");
    if (items.kind !== "list" || items.item.kind !== "union") return;
    expect(items.item.discriminator).toBe("kind");
    expect(items.item.variants.map((v) => [v.value, v.label.ru])).toEqual([["audio", "Аудиозапись"], ["tts", "Синтез речи"]]);
    const text = items.item.variants[1].object.fields.find((f) => f.name === "text");
    expect(text).toMatchObject({ kind: "text", template: true, multiline: true });
  });

  it("knows references, expressions, assigned variables, enums and dates", () => {
    expect(child(form("subflow"), "flow_id")).toMatchObject({ kind: "ref", ref: "flow" });
    expect(child(form("condition"), "expression")).toMatchObject({ kind: "text", expression: true });
    expect(child(form("collect"), "variable")).toMatchObject({ kind: "text", assigns: true });
    const trigger = child(form("start"), "trigger");
    expect(trigger.kind === "enum" && trigger.options.map((o) => o.label.ru)).toContain("Оповещение (автообзвон)");
    const holidays = child(form("time_condition"), "holidays");
    expect(holidays.kind === "list" && holidays.item.kind).toBe("date");
    const weekdays = ((child(form("time_condition"), "schedule") as { item: ObjectField }).item).fields[0];
    expect(weekdays.kind === "list" && weekdays.item.kind === "enum" && weekdays.item.options[0].label).toEqual({ ru: "Пн", en: "Mon" });
  });

  it("finds the field an issue path names", () => {
    const params = { prompt: { items: [{ kind: "tts", text: "" }] }, keys: ["1"] };
    expect(fieldAt(form("menu"), "prompt.items.0.text", params)?.title.en).toBe("Text");
    expect(fieldAt(form("menu"), "keys.0", params)?.kind).toBe("text");
    expect(fieldAt(form("menu"), "nope", params)).toBeNull();
  });
});

describe("new nodes", () => {
  it("start with the required structure and a speech item rather than a recording", () => {
    expect(newNodeData(INDEX, "play")).toEqual({ prompt: { items: [{ kind: "tts" }] }, type_version: 1 });
    expect(newNodeData(INDEX, "menu")).toEqual({ prompt: { items: [{ kind: "tts" }] }, keys: [], type_version: 1 });
    expect(newNodeData(INDEX, "set_variable")).toEqual({ assignments: [{}], type_version: 1 });
    expect(newNodeData(INDEX, "hangup")).toEqual({ type_version: 1 });
  });
});

describe("client-side validation", () => {
  it("reports what the schema forbids, with paths like the API's", () => {
    const errors = validateParams(form("menu"), { prompt: { items: [{ kind: "tts" }] }, keys: [], timeout: 500 });
    expect(errors).toEqual([
      { path: "prompt.items.0.text", code: "required" },
      { path: "keys", code: "minItems", values: { min: 1 } },
      { path: "timeout", code: "maximum", values: { max: 120 } },
    ]);
  });

  it("accepts valid parameters and checks patterns and item variants", () => {
    expect(validateParams(form("menu"), { prompt: { items: [{ kind: "tts", text: "Нажмите 1" }] }, keys: ["1", "#"] })).toEqual([]);
    expect(validateParams(form("menu"), { prompt: { items: [{ kind: "video" }] }, keys: ["11"] })).toEqual([
      { path: "prompt.items.0", code: "variant" },
      { path: "keys.0", code: "pattern" },
    ]);
    expect(validateParams(form("hangup"), { cause: null })).toEqual([]);
    expect(validateParams(form("time_condition"), { holidays: ["2025-13"] })).toEqual([{ path: "holidays.0", code: "date" }]);
  });
});
