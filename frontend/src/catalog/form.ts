// JSON Schema of a node type's parameters → a form model the inspector renders and the
// client-side validator walks. Built once per catalog entry (see catalogIndex.ts).
import type { Localized } from "../api/types";
import type { JsonSchema, NodeTypeEntry, RefKind } from "./types";

export interface Option {
  value: string;
  label: Localized;
}

interface FieldBase {
  /** Property name; "" for list items. */
  name: string;
  title: Localized;
  description: Localized;
  required: boolean;
  /** `null` is allowed (pydantic `X | None`): an empty input stores null. */
  nullable: boolean;
  default?: unknown;
}

export interface TextField extends FieldBase {
  kind: "text";
  template: boolean;
  expression: boolean;
  assigns: boolean;
  multiline: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

export interface NumberField extends FieldBase {
  kind: "number";
  integer: boolean;
  minimum?: number;
  maximum?: number;
}

export interface BooleanField extends FieldBase {
  kind: "boolean";
}

export interface EnumField extends FieldBase {
  kind: "enum";
  options: Option[];
}

export interface DateField extends FieldBase {
  kind: "date";
}

export interface RefField extends FieldBase {
  kind: "ref";
  ref: RefKind;
  maxLength?: number;
}

/** A fixed value (the `kind` of a discriminated item): kept, never edited. */
export interface ConstField extends FieldBase {
  kind: "const";
  value: unknown;
}

export interface ObjectField extends FieldBase {
  kind: "object";
  fields: FormField[];
}

export interface Variant {
  value: string;
  label: Localized;
  object: ObjectField;
}

/** oneOf of objects told apart by a `kind`-like discriminator property. */
export interface UnionField extends FieldBase {
  kind: "union";
  discriminator: string;
  variants: Variant[];
}

export interface ListField extends FieldBase {
  kind: "list";
  item: FormField;
  minItems?: number;
  maxItems?: number;
}

export type FormField =
  | TextField
  | NumberField
  | BooleanField
  | EnumField
  | DateField
  | RefField
  | ConstField
  | ObjectField
  | UnionField
  | ListField;

/** Raised for a schema construct the generator does not know; a test runs every catalog type. */
export class UnsupportedSchemaError extends Error {}

const NO_TEXT: Localized = { ru: "", en: "" };
/** Template texts longer than this get a multi-line editor. */
const MULTILINE_FROM = 200;

function texts(schema: JsonSchema): Pick<FieldBase, "title" | "description"> {
  return {
    title: schema.title !== undefined ? { en: schema.title, ru: schema.title_ru ?? schema.title } : NO_TEXT,
    description:
      schema.description !== undefined
        ? { en: schema.description, ru: schema.description_ru ?? schema.description }
        : NO_TEXT,
  };
}

class Builder {
  constructor(private readonly defs: Record<string, JsonSchema>) {}

  resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace(/^#\/\$defs\//, "");
    const target = this.defs[name];
    if (!target) throw new UnsupportedSchemaError(`unknown $ref ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    return { ...target, ...rest };
  }

  /** Folds `anyOf: [X, null]` into X plus nullable; the outer keys (title, markers, default) win. */
  unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
    if (!schema.anyOf) return { schema: this.resolve(schema), nullable: false };
    const options = schema.anyOf.filter((option) => option.type !== "null");
    if (options.length !== 1) throw new UnsupportedSchemaError("anyOf other than [X, null]");
    const { anyOf: _anyOf, ...outer } = schema;
    return { schema: { ...this.resolve(options[0]), ...outer }, nullable: options.length < schema.anyOf.length };
  }

  field(name: string, raw: JsonSchema, required: boolean, inheritedLabels?: JsonSchema["x-enum-labels"]): FormField {
    const { schema, nullable } = this.unwrap(raw);
    const base: FieldBase = { name, ...texts(schema), required, nullable, ...("default" in schema ? { default: schema.default } : {}) };
    const labels = schema["x-enum-labels"] ?? inheritedLabels;
    const label = (value: unknown): Localized => labels?.[String(value)] ?? { ru: String(value), en: String(value) };

    if (schema.oneOf) return this.union(base, schema);
    if (schema.const !== undefined) return { ...base, kind: "const", value: schema.const };
    if (schema.enum) {
      return { ...base, kind: "enum", options: schema.enum.map((value) => ({ value: String(value), label: label(value) })) };
    }
    switch (schema.type) {
      case "string":
        if (schema.format === "date") return { ...base, kind: "date" };
        if (schema.format) throw new UnsupportedSchemaError(`string format ${schema.format}`);
        if (schema["x-ref"]) return { ...base, kind: "ref", ref: schema["x-ref"], maxLength: schema.maxLength };
        return {
          ...base,
          kind: "text",
          template: Boolean(schema["x-template"]),
          expression: Boolean(schema["x-expression"]),
          assigns: Boolean(schema["x-assigns"]),
          multiline: Boolean(schema["x-template"]) && (schema.maxLength ?? Infinity) > MULTILINE_FROM,
          pattern: schema.pattern,
          minLength: schema.minLength,
          maxLength: schema.maxLength,
        };
      case "integer":
      case "number":
        return { ...base, kind: "number", integer: schema.type === "integer", minimum: schema.minimum, maximum: schema.maximum };
      case "boolean":
        return { ...base, kind: "boolean" };
      case "object":
        return this.object(base, schema);
      case "array":
        if (!schema.items) throw new UnsupportedSchemaError(`array ${name} without items`);
        return {
          ...base,
          kind: "list",
          item: this.field("", schema.items, true, schema["x-enum-labels"]),
          minItems: schema.minItems,
          maxItems: schema.maxItems,
        };
      default:
        throw new UnsupportedSchemaError(`field ${name}: type ${String(schema.type)}`);
    }
  }

  object(base: FieldBase, schema: JsonSchema): ObjectField {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([name, property]) =>
      this.field(name, property, required.has(name)),
    );
    return { ...base, kind: "object", fields };
  }

  union(base: FieldBase, schema: JsonSchema): UnionField {
    const discriminator = schema.discriminator?.propertyName;
    if (!discriminator) throw new UnsupportedSchemaError("oneOf without a discriminator");
    const variants = (schema.oneOf ?? []).map((option) => {
      const resolved = this.resolve(option);
      const object = this.object({ ...base, ...texts(resolved) }, resolved);
      const tag = object.fields.find((field) => field.name === discriminator);
      if (!tag || tag.kind !== "const") throw new UnsupportedSchemaError(`variant without const ${discriminator}`);
      const labels = resolved.properties?.[discriminator]?.["x-enum-labels"];
      const value = String(tag.value);
      return { value, label: labels?.[value] ?? { ru: value, en: value }, object };
    });
    return { ...base, kind: "union", discriminator, variants };
  }
}

/** The form of a node type's parameters: an object field whose fields are the parameters. */
export function buildForm(entry: NodeTypeEntry): ObjectField {
  const schema = entry.json_schema;
  const builder = new Builder(schema.$defs ?? {});
  return builder.object({ name: "", title: entry.title, description: entry.description, required: true, nullable: false }, schema);
}

/** The variant a new union item starts as: the first that needs no other object picked (text before a recording). */
export function preferredVariant(field: UnionField): Variant {
  return field.variants.find((variant) => !variant.object.fields.some((f) => f.kind === "ref" && f.required)) ?? field.variants[0];
}

/**
 * The value a new field starts with: required objects are built with their required parts,
 * required lists of objects get their minimum number of items; everything else stays unset
 * (its schema default applies, or validation asks for it).
 */
export function initialValue(field: FormField): unknown {
  switch (field.kind) {
    case "const":
      return field.value;
    case "object": {
      const value: Record<string, unknown> = {};
      for (const child of field.fields) {
        if (!child.required) continue;
        const initial = initialValue(child);
        if (initial !== undefined) value[child.name] = initial;
      }
      return value;
    }
    case "union":
      return initialValue(preferredVariant(field).object);
    case "list": {
      if (field.item.kind !== "object" && field.item.kind !== "union") return field.required ? [] : undefined;
      return Array.from({ length: Math.max(field.minItems ?? 0, field.required ? 1 : 0) }, () => initialValue(field.item));
    }
    default:
      return undefined;
  }
}

/** Parameters of a freshly dropped node. */
export function initialParams(form: ObjectField): Record<string, unknown> {
  return initialValue(form) as Record<string, unknown>;
}

/** The field at a dotted path ("prompt.items.0.text"), following list indexes and union variants by value. */
export function fieldAt(form: ObjectField, path: string, params: Record<string, unknown>): FormField | null {
  let field: FormField = form;
  let value: unknown = params;
  for (const part of path.split(".")) {
    if (field.kind === "union") {
      const tag = (value as Record<string, unknown> | null)?.[field.discriminator];
      const variant: Variant | undefined = field.variants.find((v) => v.value === tag);
      if (!variant) return null;
      field = variant.object;
    }
    if (field.kind === "object") {
      const child: FormField | undefined = field.fields.find((f) => f.name === part);
      if (!child) return null;
      field = child;
      value = (value as Record<string, unknown> | null)?.[part];
    } else if (field.kind === "list") {
      field = field.item;
      value = Array.isArray(value) ? value[Number(part)] : undefined;
    } else {
      return null;
    }
  }
  return field;
}
