// Everything the editor derives from the catalog, computed once when it arrives: entries by
// type, the palette grouped by category, and each type's form model.
import type { Localized } from "../api/types";
import { buildForm, initialParams, type ObjectField } from "./form";
import type { NodeTypeEntry, Params } from "./types";

export interface PaletteGroup {
  category: string;
  title: Localized;
  types: NodeTypeEntry[];
}

export interface CatalogIndex {
  entries: NodeTypeEntry[];
  byType: ReadonlyMap<string, NodeTypeEntry>;
  forms: ReadonlyMap<string, ObjectField>;
  palette: PaletteGroup[];
}

/** Categories in the order their first type appears in the catalog (which is palette order). */
export function paletteGroups(entries: NodeTypeEntry[]): PaletteGroup[] {
  const groups = new Map<string, PaletteGroup>();
  for (const entry of entries) {
    let group = groups.get(entry.category);
    if (!group) {
      group = { category: entry.category, title: entry.category_title, types: [] };
      groups.set(entry.category, group);
    }
    group.types.push(entry);
  }
  return [...groups.values()];
}

export function buildCatalogIndex(entries: NodeTypeEntry[]): CatalogIndex {
  return {
    entries,
    byType: new Map(entries.map((entry) => [entry.type, entry])),
    forms: new Map(entries.map((entry) => [entry.type, buildForm(entry)])),
    palette: paletteGroups(entries),
  };
}

/** `data` of a node dropped from the palette. */
export function newNodeData(index: CatalogIndex, type: string): Params {
  const entry = index.byType.get(type);
  const form = index.forms.get(type);
  if (!entry || !form) throw new Error(`unknown node type ${type}`);
  return { ...initialParams(form), type_version: entry.type_version };
}
