// The saved graph format (xyflow's, see docs/flow-model.md) and the canvas's runtime objects.
import type { Edge, Node } from "@xyflow/react";
import type { Params } from "../catalog/types";

export type NodeData = Params & { label?: string; type_version?: number };
export type FlowNode = Node<NodeData>;
export type FlowEdge = Edge & { sourceHandle: string };

export interface GraphNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: NodeData;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

export interface FlowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Only the keys the API accepts: xyflow's runtime keys (selected, measured, dragging…) are dropped. */
export function toGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowGraph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type ?? "",
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: stripUndefined(node.data),
    })),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target })),
  };
}

export function fromGraph(graph: FlowGraph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  return {
    nodes: (graph.nodes ?? []).map((node) => ({ id: node.id, type: node.type, position: node.position, data: node.data ?? {} })),
    edges: (graph.edges ?? []).map((edge) => ({ ...edge })),
  };
}

/** JSON drops undefined anyway; doing it here keeps saved data and snapshots comparable. */
function stripUndefined(data: NodeData): NodeData {
  return JSON.parse(JSON.stringify(data)) as NodeData;
}

/** A readable id not used yet: "menu_3". */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  let n = 1;
  while (taken.has(`${type}_${n}`)) n += 1;
  return `${type}_${n}`;
}

export function nextEdgeId(taken: ReadonlySet<string>): string {
  let id: string;
  do id = "e_" + Math.random().toString(36).slice(2, 10);
  while (taken.has(id));
  return id;
}
