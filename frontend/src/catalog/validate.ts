// Client-side validation of parameters against the form model (same constraints as the
// JSON Schema). Rules the schema cannot express are the server's; its issues are shown too.
import type { FormField, ObjectField } from "./form";

export type FieldErrorCode =
  | "required"
  | "type"
  | "minLength"
  | "maxLength"
  | "pattern"
  | "minimum"
  | "maximum"
  | "integer"
  | "enum"
  | "minItems"
  | "maxItems"
  | "date"
  | "variant";

export interface FieldError {
  /** Dotted parameter path, as the API's issue `field`: "prompt.items.0.text". */
  path: string;
  code: FieldErrorCode;
  values?: Record<string, string | number>;
}

const patterns = new Map<string, RegExp | null>();
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, "u"));
    } catch {
      patterns.set(pattern, null); // a Python-only construct: the server checks it
    }
  }
  return patterns.get(pattern) ?? null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const join = (prefix: string, name: string | number) => (prefix === "" ? String(name) : `${prefix}.${name}`);
const isEmpty = (value: unknown) => value === undefined || value === null || value === "";

function check(field: FormField, value: unknown, path: string, errors: FieldError[]): void {
  if (isEmpty(value)) {
    if (field.required && !(value === null && field.nullable) && field.default === undefined) {
      errors.push({ path, code: "required" });
    }
    return;
  }
  const fail = (code: FieldErrorCode, values?: FieldError["values"]): void => {
    errors.push(values ? { path, code, values } : { path, code });
  };
  switch (field.kind) {
    case "text":
    case "ref":
    case "date": {
      if (typeof value !== "string") return fail("type");
      const length = [...value].length;
      if (field.kind === "date") return void (DATE.test(value) || fail("date"));
      if (field.kind === "text" && field.minLength !== undefined && length < field.minLength) return fail("minLength", { min: field.minLength });
      if (field.maxLength !== undefined && length > field.maxLength) return fail("maxLength", { max: field.maxLength });
      if (field.kind === "text" && field.pattern && compiled(field.pattern)?.test(value) === false) return fail("pattern");
      return;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return fail("type");
      if (field.integer && !Number.isInteger(value)) return fail("integer");
      if (field.minimum !== undefined && value < field.minimum) return fail("minimum", { min: field.minimum });
      if (field.maximum !== undefined && value > field.maximum) return fail("maximum", { max: field.maximum });
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("type");
      return;
    case "enum":
      if (!field.options.some((option) => option.value === value)) fail("enum");
      return;
    case "const":
      if (value !== field.value) fail("enum");
      return;
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) return fail("type");
      for (const child of field.fields) check(child, (value as Record<string, unknown>)[child.name], join(path, child.name), errors);
      return;
    case "union": {
      const tag = (value as Record<string, unknown>)[field.discriminator];
      const variant = field.variants.find((option) => option.value === tag);
      if (!variant) return fail("variant");
      check(variant.object, value, path, errors);
      return;
    }
    case "list":
      if (!Array.isArray(value)) return fail("type");
      if (field.minItems !== undefined && value.length < field.minItems) fail("minItems", { min: field.minItems });
      if (field.maxItems !== undefined && value.length > field.maxItems) fail("maxItems", { max: field.maxItems });
      value.forEach((item, index) => check(field.item, item, join(path, index), errors));
      return;
  }
}

/** Every constraint the schema declares that these parameters break, with the path of each. */
export function validateParams(form: ObjectField, params: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  check(form, params, "", errors);
  return errors;
}
