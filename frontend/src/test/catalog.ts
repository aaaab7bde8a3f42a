// The saved catalog (GET /api/node-types) as tests load it; regenerate with make_fixtures.py.
import { buildCatalogIndex } from "../catalog/catalogIndex";
import type { NodeTypeEntry } from "../catalog/types";
import raw from "./catalog.fixture.json";

export const CATALOG = raw as unknown as NodeTypeEntry[];
export const INDEX = buildCatalogIndex(CATALOG);

export function entry(type: string): NodeTypeEntry {
  const found = INDEX.byType.get(type);
  if (!found) throw new Error(`no ${type} in the catalog fixture`);
  return found;
}
