// A node's outputs from its parameters: the TypeScript twin of NodeDeclaration.ports() in
// flow_runtime/nodes/base.py, driven only by the catalog's output rule and schema defaults
// (tests/flow_model/test_outputs.py checks the same rule from JSON on the Python side).
import type { Localized } from "../api/types";
import type { NodeTypeEntry, OutputPart, OutputsFromPart, Params } from "./types";

export interface Port {
  name: string;
  label: Localized;
  waits: boolean;
  optional: boolean;
  /** Parameter path the output comes from (e.g. "keys.2"), for derived outputs. */
  field: string | null;
}

/** Top-level schema defaults under the given parameters, as pydantic fills them in. */
export function withDefaults(entry: NodeTypeEntry, params: Params): Params {
  const values: Params = {};
  for (const [name, field] of Object.entries(entry.json_schema.properties ?? {})) {
    if ("default" in field) values[name] = field.default;
  }
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function isFromPart(part: OutputPart | OutputsFromPart): part is OutputsFromPart {
  return "from" in part;
}

const fill = (label: Localized, value: string): Localized => ({
  ru: label.ru.replaceAll("{value}", value),
  en: label.en.replaceAll("{value}", value),
});

/**
 * Every output in display order, duplicates included (the server reports those as
 * node.duplicate_output_name). Entries without a usable name yet (a rule whose output is
 * still empty) give no output, as the node is invalid until they are filled in.
 */
export function computePorts(entry: NodeTypeEntry, params: Params): Port[] {
  const values = withDefaults(entry, params);
  const ports: Port[] = [];
  for (const part of entry.outputs.parts) {
    if (!isFromPart(part)) {
      if (part.when === null || values[part.when.field] === part.when.equals) {
        ports.push({ name: part.name, label: part.label, waits: part.waits, optional: part.optional, field: null });
      }
      continue;
    }
    const items = values[part.from];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      const name = part.item_field === null ? item : (item as Params | null)?.[part.item_field];
      if (typeof name !== "string" || name === "") return;
      const field = part.item_field === null ? `${part.from}.${index}` : `${part.from}.${index}.${part.item_field}`;
      ports.push({ name, label: fill(part.label, name), waits: part.waits, optional: false, field });
    });
  }
  return ports;
}

export function outputNames(entry: NodeTypeEntry, params: Params): string[] {
  return computePorts(entry, params).map((port) => port.name);
}

/** Outputs a canvas can draw: the first of each name (a handle id must be unique on a node). */
export function uniquePorts(ports: Port[]): Port[] {
  const seen = new Set<string>();
  return ports.filter((port) => !seen.has(port.name) && (seen.add(port.name), true));
}
