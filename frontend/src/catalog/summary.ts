// The key parameters a node card shows (the catalog's summary_fields), as short text.
import type { Locale, Localized } from "../api/types";
import type { FormField, ObjectField } from "./form";
import type { NodeTypeEntry, Params, RefKind } from "./types";
import { withDefaults } from "./outputs";

/** Looks up the display name of a referenced object (an audio recording, a flow). */
export type RefNames = (ref: RefKind, id: string) => string | undefined;

export interface SummaryLine {
  field: string;
  title: string;
  text: string;
}

const YES_NO: Record<Locale, [string, string]> = { ru: ["да", "нет"], en: ["yes", "no"] };
const MAX_LENGTH = 140;

function valueText(field: FormField, value: unknown, locale: Locale, refName: RefNames): string {
  if (value === undefined || value === null || value === "") return "";
  switch (field.kind) {
    case "text":
    case "date":
    case "number":
      return String(value);
    case "boolean":
      return YES_NO[locale][value ? 0 : 1];
    case "enum":
      return field.options.find((option) => option.value === value)?.label[locale] ?? String(value);
    case "ref":
      return (field.ref === "audio" ? "♪ " : "") + (refName(field.ref, String(value)) ?? String(value));
    case "const":
      return "";
    case "list":
      return Array.isArray(value)
        ? value.map((item) => valueText(field.item, item, locale, refName)).filter(Boolean).join(", ")
        : "";
    case "union": {
      const variant = field.variants.find((v) => v.value === (value as Params)[field.discriminator]);
      return variant ? valueText(variant.object, value, locale, refName) : "";
    }
    case "object": {
      const object = value as Params;
      const names = field.fields.map((child) => child.name);
      if (names.length === 2 && names.includes("start") && names.includes("end")) {
        return `${String(object.start ?? "")}–${String(object.end ?? "")}`;
      }
      return field.fields
        .map((child) => valueText(child, object[child.name], locale, refName))
        .filter(Boolean)
        .join(" ");
    }
  }
}

function hasRef(field: FormField, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  switch (field.kind) {
    case "ref":
      return value !== "";
    case "list":
      return Array.isArray(value) && value.some((item) => hasRef(field.item, item));
    case "union": {
      const variant = field.variants.find((v) => v.value === (value as Params)[field.discriminator]);
      return variant ? hasRef(variant.object, value) : false;
    }
    case "object":
      return field.fields.some((child) => hasRef(child, (value as Params)[child.name]));
    default:
      return false;
  }
}

/** Whether the card's summary names another object (so it must follow their names as they load). */
export function summaryHasRefs(entry: NodeTypeEntry, form: ObjectField, params: Params): boolean {
  return entry.summary_fields.some((name) => {
    const field = form.fields.find((f) => f.name === name);
    return field ? hasRef(field, params[name]) : false;
  });
}

function clip(text: string): string {
  return text.length > MAX_LENGTH ? text.slice(0, MAX_LENGTH - 1) + "…" : text;
}

const pick = (text: Localized, locale: Locale) => text[locale] || text.en;

export function summarize(entry: NodeTypeEntry, form: ObjectField, params: Params, locale: Locale, refName: RefNames): SummaryLine[] {
  const values = withDefaults(entry, params);
  const lines: SummaryLine[] = [];
  for (const name of entry.summary_fields) {
    const field = form.fields.find((f) => f.name === name);
    if (!field) continue;
    const text = valueText(field, values[name], locale, refName);
    if (text) lines.push({ field: name, title: pick(field.title, locale), text: clip(text) });
  }
  return lines;
}

/** Every text a node holds (label and string parameters), for the canvas search. */
export function searchableText(params: Params): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(params);
  return parts.join(" ").toLowerCase();
}
