// The canvas store: the graph being edited, undo/redo of every canvas and form action, the
// connection rules, clipboard operations, and what is drawn over nodes (issues, the
// simulator's path, a diff). One store per editor screen (createEditorStore); tests make their own.
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand";
import type { Issue } from "../api/types";
import { newNodeData, type CatalogIndex } from "../catalog/catalogIndex";
import { computePorts } from "../catalog/outputs";
import type { RefNames } from "../catalog/summary";
import { fromGraph, nextEdgeId, nextNodeId, toGraph, type FlowEdge, type FlowGraph, type FlowNode, type NodeData } from "./graph";
import { autoLayout } from "./layout";
import { reconcileEdges, type PendingHandles } from "./ports";

export type ConnectRefusal = "unknown_source" | "unknown_target" | "unknown_output" | "already_connected" | "no_input";
export type ConnectResult = { ok: true; edgeId: string } | { ok: false; reason: ConnectRefusal };
export type DiffStatus = "added" | "removed" | "changed" | "moved";

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface Overlay {
  nodes: Record<string, DiffStatus>;
  edges: Record<string, DiffStatus>;
}

export interface Simulation {
  /** The same nodes as a lookup. */
  visited: Record<string, true>;
  /** Node running now (the runtime's VOXFLOW_NODE). */
  active: string | null;
  /** Nodes run so far, in order. */
  path: string[];
}

export interface EditorState {
  catalog: CatalogIndex;
  nodes: FlowNode[];
  edges: FlowEdge[];
  past: Snapshot[];
  future: Snapshot[];
  /** Bumped by every change of what is saved (not by selection or measuring). */
  contentVersion: number;
  issues: Issue[];
  nodeIssues: Record<string, "error" | "warning">;
  /** contentVersion of the graph the issues were computed for. */
  issuesVersion: number;
  /** contentVersion of each node's last parameter edit: its field issues are stale when newer than the issues. */
  editedAt: Record<string, number>;
  simulation: Simulation;
  /** A diff drawn over the canvas instead of issues, while versions are compared. */
  overlay: Overlay | null;
  /** Names of recordings and flows that node cards mention by id. */
  refNames: RefNames;

  load(graph: FlowGraph): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  connect(connection: Connection): ConnectResult;
  addNode(type: string, position: { x: number; y: number }): string;
  updateNodeData(id: string, data: NodeData, coalesceKey?: string): void;
  deleteSelection(): void;
  copySelection(): FlowGraph | null;
  paste(fragment: FlowGraph, offset?: { x: number; y: number }): string[];
  duplicateSelection(): string[];
  layout(): void;
  select(nodeIds: string[]): void;
  undo(): void;
  redo(): void;
  setIssues(issues: Issue[], version?: number): void;
  setSimulation(simulation: Simulation): void;
  setOverlay(overlay: Overlay | null): void;
  setRefNames(refNames: RefNames): void;
}

const HISTORY_LIMIT = 200;
/** Form edits of one field within this time are one undo step (typing a word is not 10 steps). */
const COALESCE_MS = 1200;
const PASTE_OFFSET = { x: 40, y: 40 };

export const NO_REF_NAMES: RefNames = () => undefined;
export const NO_SIMULATION: Simulation = { active: null, path: [], visited: {} };

export function nodeIssueLevels(issues: Issue[]): Record<string, "error" | "warning"> {
  const levels: Record<string, "error" | "warning"> = {};
  for (const issue of issues) {
    if (!issue.node_id) continue;
    if (issue.severity === "error" || !levels[issue.node_id]) levels[issue.node_id] = issue.severity;
  }
  return levels;
}

export function createEditorStore(catalog: CatalogIndex): StoreApi<EditorState> {
  // Not state: bookkeeping that must not re-render anything.
  let coalesce: { key: string; at: number } | null = null;
  let dragging = false;
  let pending: Record<string, PendingHandles> = {};

  return createStore<EditorState>()((set, get) => {
    /** Records the current graph as an undo step, unless it continues the same coalesced edit. */
    const remember = (coalesceKey?: string) => {
      const now = Date.now();
      if (coalesceKey && coalesce && coalesce.key === coalesceKey && now - coalesce.at < COALESCE_MS) {
        coalesce.at = now;
        return;
      }
      coalesce = coalesceKey ? { key: coalesceKey, at: now } : null;
      const { nodes, edges, past } = get();
      set({ past: [...past.slice(-HISTORY_LIMIT + 1), { nodes, edges }], future: [] });
    };
    const changed = (patch: Partial<Snapshot>) => set({ ...patch, contentVersion: get().contentVersion + 1 });
    const ids = (items: { id: string }[]) => new Set(items.map((item) => item.id));
    const restore = (from: "past" | "future") => {
      const state = get();
      const stack = state[from];
      const snapshot = stack[stack.length - 1];
      if (!snapshot) return;
      coalesce = null;
      const current = { nodes: state.nodes, edges: state.edges };
      set({
        [from]: stack.slice(0, -1),
        [from === "past" ? "future" : "past"]: [...state[from === "past" ? "future" : "past"], current],
        nodes: snapshot.nodes,
        edges: snapshot.edges,
        contentVersion: state.contentVersion + 1,
      });
    };

    return {
      catalog,
      nodes: [],
      edges: [],
      past: [],
      future: [],
      contentVersion: 0,
      issues: [],
      nodeIssues: {},
      issuesVersion: 0,
      editedAt: {},
      simulation: NO_SIMULATION,
      overlay: null,
      refNames: NO_REF_NAMES,

      load(graph) {
        const { nodes, edges } = fromGraph(graph);
        coalesce = null;
        pending = {};
        set({ nodes, edges, past: [], future: [], contentVersion: 0, editedAt: {} });
      },

      onNodesChange(changes) {
        let content = false;
        for (const change of changes) {
          if (change.type === "position") {
            if (change.dragging && !dragging) {
              dragging = true;
              remember();
            } else if (!change.dragging) {
              if (!dragging) remember("keyboard-move");
              dragging = false;
              content = true;
            }
          } else if (change.type === "remove" || change.type === "add" || change.type === "replace") {
            content = true;
          }
        }
        if (changes.some((c) => c.type === "remove")) remember();
        const nodes = applyNodeChanges(changes, get().nodes);
        if (content) changed({ nodes });
        else set({ nodes });
      },

      onEdgesChange(changes) {
        const content = changes.some((c) => c.type !== "select");
        if (content) remember();
        const edges = applyEdgeChanges(changes, get().edges);
        if (content) changed({ edges });
        else set({ edges });
      },

      connect({ source, sourceHandle, target }) {
        const { nodes, edges, catalog: index } = get();
        const from = nodes.find((node) => node.id === source);
        if (!from) return { ok: false, reason: "unknown_source" };
        const to = nodes.find((node) => node.id === target);
        if (!to) return { ok: false, reason: "unknown_target" };
        if (to.type === "start") return { ok: false, reason: "no_input" };
        const entry = index.byType.get(from.type ?? "");
        if (!entry || !sourceHandle || !computePorts(entry, from.data).some((port) => port.name === sourceHandle)) {
          return { ok: false, reason: "unknown_output" };
        }
        if (edges.some((edge) => edge.source === source && edge.sourceHandle === sourceHandle)) {
          return { ok: false, reason: "already_connected" };
        }
        remember();
        const id = nextEdgeId(ids(edges));
        changed({ edges: [...edges, { id, source, sourceHandle, target }] });
        return { ok: true, edgeId: id };
      },

      addNode(type, position) {
        const { nodes, catalog: index } = get();
        const id = nextNodeId(type, ids(nodes));
        remember();
        const node: FlowNode = { id, type, position, data: newNodeData(index, type), selected: true };
        changed({ nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] });
        return id;
      },

      updateNodeData(id, data, coalesceKey) {
        const { nodes, edges, catalog: index } = get();
        const node = nodes.find((n) => n.id === id);
        if (!node) return;
        remember(coalesceKey ? `${id}:${coalesceKey}` : undefined);
        const entry = index.byType.get(node.type ?? "");
        let nextEdges = edges;
        if (entry) {
          const reconciled = reconcileEdges(entry, id, node.data, data, edges, pending[id] ?? {});
          pending = { ...pending, [id]: reconciled.pending };
          nextEdges = reconciled.edges;
        }
        const version = get().contentVersion + 1;
        set({
          nodes: nodes.map((n) => (n.id === id ? { ...n, data } : n)),
          edges: nextEdges,
          contentVersion: version,
          editedAt: { ...get().editedAt, [id]: version },
        });
      },

      deleteSelection() {
        const { nodes, edges } = get();
        const removed = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
        const keptEdges = edges.filter((e) => !e.selected && !removed.has(e.source) && !removed.has(e.target));
        if (removed.size === 0 && keptEdges.length === edges.length) return;
        remember();
        changed({ nodes: nodes.filter((node) => !removed.has(node.id)), edges: keptEdges });
      },

      copySelection() {
        const { nodes, edges } = get();
        const chosen = nodes.filter((node) => node.selected);
        if (chosen.length === 0) return null;
        const inside = ids(chosen);
        return toGraph(chosen, edges.filter((e) => inside.has(e.source) && inside.has(e.target)));
      },

      paste(fragment, offset = PASTE_OFFSET) {
        const { nodes, edges, catalog: index } = get();
        const known = fragment.nodes.filter((node) => index.byType.has(node.type));
        if (known.length === 0) return [];
        const takenNodes = ids(nodes);
        const takenEdges = ids(edges);
        const renamed = new Map<string, string>();
        const added: FlowNode[] = known.map((node) => {
          const id = nextNodeId(node.type, takenNodes);
          takenNodes.add(id);
          renamed.set(node.id, id);
          const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
          return { id, type: node.type, position, data: structuredClone(node.data), selected: true };
        });
        const addedEdges: FlowEdge[] = fragment.edges.flatMap((edge) => {
          const source = renamed.get(edge.source);
          const target = renamed.get(edge.target);
          if (!source || !target) return [];
          const id = nextEdgeId(takenEdges);
          takenEdges.add(id);
          return [{ id, source, sourceHandle: edge.sourceHandle, target }];
        });
        remember();
        changed({
          nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added],
          edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges],
        });
        return added.map((node) => node.id);
      },

      duplicateSelection() {
        const fragment = get().copySelection();
        return fragment ? get().paste(fragment) : [];
      },

      layout() {
        const { nodes, edges } = get();
        if (nodes.length === 0) return;
        remember();
        changed({ nodes: autoLayout(nodes, edges) });
      },

      select(nodeIds) {
        const chosen = new Set(nodeIds);
        set({
          nodes: get().nodes.map((n) => (n.selected === chosen.has(n.id) ? n : { ...n, selected: chosen.has(n.id) })),
          edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        });
      },

      undo: () => restore("past"),
      redo: () => restore("future"),

      setIssues(issues, version = get().contentVersion) {
        set({ issues, nodeIssues: nodeIssueLevels(issues), issuesVersion: version });
      },
      setSimulation(simulation) {
        set({ simulation });
      },
      setOverlay(overlay) {
        set({ overlay });
      },
      setRefNames(refNames) {
        set({ refNames });
      },
    };
  });
}
