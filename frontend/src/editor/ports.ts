// Keeping edges attached to outputs while parameters change: renaming a menu key or a rule's
// output moves its connection along; removing the key (or turning off the flag an output
// depends on) removes the connection. A name cleared while being retyped keeps its edge
// pending, so typing "vip" → "" → "gold" does not lose the connection.
import { computePorts } from "../catalog/outputs";
import type { NodeTypeEntry, OutputsFromPart, Params } from "../catalog/types";
import type { FlowEdge } from "./graph";

/** Per "<list field>.<index>": the output name an edge still uses while that item's name is empty. */
export type PendingHandles = Record<string, string>;

function itemNames(part: OutputsFromPart, params: Params): string[] {
  const items = params[part.from];
  if (!Array.isArray(items)) return [];
  return items.map((item) => {
    const name = part.item_field === null ? item : (item as Params | null)?.[part.item_field];
    return typeof name === "string" ? name : "";
  });
}

export function reconcileEdges(
  entry: NodeTypeEntry,
  nodeId: string,
  before: Params,
  after: Params,
  edges: FlowEdge[],
  pending: PendingHandles,
): { edges: FlowEdge[]; pending: PendingHandles } {
  const nextPending: PendingHandles = {};
  const rename = new Map<string, string>();
  for (const part of entry.outputs.parts) {
    if (!("from" in part)) continue;
    const old = itemNames(part, before);
    const now = itemNames(part, after);
    if (old.length !== now.length) continue; // items added or removed: names decide below
    now.forEach((name, index) => {
      const key = `${part.from}.${index}`;
      const previous = old[index] || pending[key];
      if (!previous || previous === name) {
        if (!name && pending[key]) nextPending[key] = pending[key];
        return;
      }
      if (name) rename.set(previous, name);
      else nextPending[key] = previous;
    });
  }
  const ports = new Set(computePorts(entry, after).map((port) => port.name));
  const kept = new Set(Object.values(nextPending));
  const used = new Set(edges.filter((e) => e.source === nodeId && ports.has(e.sourceHandle)).map((e) => e.sourceHandle));
  const result: FlowEdge[] = [];
  for (const edge of edges) {
    if (edge.source !== nodeId || ports.has(edge.sourceHandle)) {
      result.push(edge);
      continue;
    }
    const target = rename.get(edge.sourceHandle);
    if (target && ports.has(target) && !used.has(target)) {
      used.add(target);
      result.push({ ...edge, sourceHandle: target });
    } else if (kept.has(edge.sourceHandle)) {
      result.push(edge);
    }
  }
  return { edges: result, pending: nextPending };
}
