// Read-only canvases: one published version, or two compared with added/changed/moved/removed marked.
import type { GraphDiff } from "../api/types";
import { fromGraph, type FlowEdge, type FlowGraph, type FlowNode } from "./graph";
import type { DiffStatus, Overlay } from "./store";

export interface ViewGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  overlay: Overlay;
}

export function versionView(graph: FlowGraph): ViewGraph {
  return { ...fromGraph(graph), overlay: { nodes: {}, edges: {} } };
}

/** The newer graph plus what the older one had and the newer lost, each marked with its status. */
export function diffView(older: FlowGraph, newer: FlowGraph, diff: GraphDiff): ViewGraph {
  const nodes: Record<string, DiffStatus> = {};
  const edges: Record<string, DiffStatus> = {};
  for (const status of ["moved", "changed", "added", "removed"] as const) {
    for (const id of diff.nodes[status] ?? []) nodes[id] = status;
  }
  for (const status of ["changed", "added", "removed"] as const) {
    for (const id of diff.edges[status] ?? []) edges[id] = status;
  }
  const current = fromGraph(newer);
  const previous = fromGraph(older);
  const removedNodes = previous.nodes.filter((node) => nodes[node.id] === "removed");
  const removedEdges = previous.edges.filter((edge) => edges[edge.id] === "removed");
  return { nodes: [...current.nodes, ...removedNodes], edges: [...current.edges, ...removedEdges], overlay: { nodes, edges } };
}
