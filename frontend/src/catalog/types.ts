// The node catalog as GET /api/node-types returns it (flow_runtime.nodes.registry.catalog()).
import type { Localized } from "../api/types";

/** The subset of JSON Schema (Draft 2020-12, as pydantic writes it) the catalog uses. */
export interface JsonSchema {
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";
  title?: string;
  description?: string;
  title_ru?: string;
  description_ru?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  "x-enum-labels"?: Record<string, Localized>;
  "x-template"?: boolean;
  "x-expression"?: boolean;
  "x-ref"?: RefKind;
  "x-assigns"?: boolean;
}

export type RefKind = "audio" | "queue" | "flow" | "trunk";

export interface OutputPart {
  name: string;
  label: Localized;
  waits: boolean;
  optional: boolean;
  when: { field: string; equals: unknown } | null;
}

export interface OutputsFromPart {
  from: string;
  item_field: string | null;
  label: Localized;
  waits: boolean;
  optional: boolean;
}

export interface OutputRule {
  kind: "fixed" | "derived";
  parts: (OutputPart | OutputsFromPart)[];
}

export interface NodeTypeEntry {
  type: string;
  type_version: number;
  category: string;
  category_title: Localized;
  title: Localized;
  description: Localized;
  icon: string;
  json_schema: JsonSchema;
  outputs: OutputRule;
  summary_fields: string[];
}

export type Params = Record<string, unknown>;
