// Auto-layout: left to right along the call's path (dagre), using the sizes the canvas measured.
import { Graph, layout } from "@dagrejs/dagre";
import type { FlowEdge, FlowNode } from "./graph";

const FALLBACK = { width: 240, height: 120 };

export function autoLayout(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowNode[] {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    graph.setNode(node.id, {
      width: node.measured?.width ?? FALLBACK.width,
      height: node.measured?.height ?? FALLBACK.height,
    });
  }
  const ids = new Set(nodes.map((node) => node.id));
  for (const edge of edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  layout(graph);
  return nodes.map((node) => {
    const placed = graph.node(node.id) as { x: number; y: number; width: number; height: number };
    // dagre gives centres; xyflow positions are top-left corners.
    return { ...node, position: { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) } };
  });
}
