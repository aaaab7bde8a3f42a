import { beforeEach, describe, expect, it } from "vitest";
import type { StoreApi } from "zustand";
import { INDEX } from "../test/catalog";
import type { FlowGraph } from "./graph";
import { toGraph } from "./graph";
import { createEditorStore, type EditorState } from "./store";

const TTS = (text: string) => ({ prompt: { items: [{ kind: "tts", text }] } });

const GRAPH: FlowGraph = {
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    { id: "menu", type: "menu", position: { x: 300, y: 0 }, data: { ...TTS("Нажмите 1"), keys: ["1", "2"] } },
    { id: "bye", type: "hangup", position: { x: 600, y: 0 }, data: {} },
  ],
  edges: [{ id: "e1", source: "start", sourceHandle: "next", target: "menu" }],
};

let store: StoreApi<EditorState>;
const state = () => store.getState();
const handles = (source: string) => state().edges.filter((e) => e.source === source).map((e) => e.sourceHandle).sort();

beforeEach(() => {
  store = createEditorStore(INDEX);
  state().load(GRAPH);
});

describe("connection rules", () => {
  it("connects a declared output once", () => {
    expect(state().connect({ source: "menu", sourceHandle: "1", target: "bye", targetHandle: null })).toMatchObject({ ok: true });
    expect(state().connect({ source: "menu", sourceHandle: "1", target: "bye", targetHandle: null })).toEqual({ ok: false, reason: "already_connected" });
    expect(state().edges).toHaveLength(2);
  });

  it("refuses outputs the node does not have with its parameters", () => {
    expect(state().connect({ source: "menu", sourceHandle: "3", target: "bye", targetHandle: null })).toEqual({ ok: false, reason: "unknown_output" });
    expect(state().connect({ source: "bye", sourceHandle: "next", target: "menu", targetHandle: null })).toEqual({ ok: false, reason: "unknown_output" });
    expect(state().connect({ source: "menu", sourceHandle: null, target: "bye", targetHandle: null })).toEqual({ ok: false, reason: "unknown_output" });
  });

  it("refuses edges into Start and to nodes that do not exist", () => {
    expect(state().connect({ source: "menu", sourceHandle: "2", target: "start", targetHandle: null })).toEqual({ ok: false, reason: "no_input" });
    expect(state().connect({ source: "menu", sourceHandle: "2", target: "ghost", targetHandle: null })).toEqual({ ok: false, reason: "unknown_target" });
    expect(state().connect({ source: "ghost", sourceHandle: "2", target: "bye", targetHandle: null })).toEqual({ ok: false, reason: "unknown_source" });
  });

  it("offers play's dtmf output only with barge_in", () => {
    const id = state().addNode("play", { x: 0, y: 200 });
    expect(state().connect({ source: id, sourceHandle: "dtmf", target: "bye", targetHandle: null })).toMatchObject({ ok: false });
    state().updateNodeData(id, { ...state().nodes.find((n) => n.id === id)!.data, barge_in: true });
    expect(state().connect({ source: id, sourceHandle: "dtmf", target: "bye", targetHandle: null })).toMatchObject({ ok: true });
  });
});

describe("undo and redo", () => {
  it("undo every kind of action, redo brings it back", () => {
    const initial = toGraph(state().nodes, state().edges);
    const id = state().addNode("play", { x: 10, y: 20 });
    state().connect({ source: "menu", sourceHandle: "1", target: id, targetHandle: null });
    state().updateNodeData(id, { ...state().nodes.find((n) => n.id === id)!.data, ...TTS("Привет") }, "prompt");
    state().layout();
    const final = toGraph(state().nodes, state().edges);
    for (let i = 0; i < 4; i += 1) state().undo();
    expect(toGraph(state().nodes, state().edges)).toEqual(initial);
    state().undo(); // nothing left: no change
    expect(toGraph(state().nodes, state().edges)).toEqual(initial);
    for (let i = 0; i < 4; i += 1) state().redo();
    expect(toGraph(state().nodes, state().edges)).toEqual(final);
  });

  it("treats quick edits of one field as one step and a new action clears redo", () => {
    for (const text of ["П", "Пр", "При"]) state().updateNodeData("menu", { ...state().nodes[1].data, ...TTS(text) }, "prompt.items.0.text");
    state().undo();
    expect(state().nodes[1].data.prompt).toEqual(TTS("Нажмите 1").prompt);
    state().redo();
    expect(state().nodes[1].data.prompt).toEqual(TTS("При").prompt);
    state().undo();
    state().addNode("hangup", { x: 0, y: 0 });
    expect(state().future).toHaveLength(0);
  });

  it("records a drag once, at its start, and deletes with connected edges as one step", () => {
    state().onNodesChange([{ type: "position", id: "bye", position: { x: 610, y: 5 }, dragging: true }]);
    state().onNodesChange([{ type: "position", id: "bye", position: { x: 650, y: 50 }, dragging: true }]);
    state().onNodesChange([{ type: "position", id: "bye", position: { x: 700, y: 90 }, dragging: false }]);
    expect(state().past).toHaveLength(1);
    state().select(["menu"]);
    state().deleteSelection();
    expect(state().nodes.map((n) => n.id)).toEqual(["start", "bye"]);
    expect(state().edges).toEqual([]);
    state().undo();
    expect(state().edges).toHaveLength(1);
    state().undo();
    expect(state().nodes.find((n) => n.id === "bye")!.position).toEqual({ x: 600, y: 0 });
  });

  it("does not record selection or measuring, and counts content changes for autosave", () => {
    const version = state().contentVersion;
    state().select(["menu"]);
    state().onNodesChange([{ type: "dimensions", id: "menu", dimensions: { width: 200, height: 100 } }]);
    expect(state().past).toHaveLength(0);
    expect(state().contentVersion).toBe(version);
    state().addNode("answer", { x: 0, y: 0 });
    expect(state().contentVersion).toBe(version + 1);
  });
});

describe("outputs follow parameter edits", () => {
  beforeEach(() => {
    state().connect({ source: "menu", sourceHandle: "1", target: "bye", targetHandle: null });
  });
  const setKeys = (keys: string[]) => state().updateNodeData("menu", { ...state().nodes[1].data, keys });

  it("moves a connection to a renamed key and drops it with a removed key", () => {
    setKeys(["5", "2"]);
    expect(handles("menu")).toEqual(["5"]);
    setKeys(["2"]);
    expect(handles("menu")).toEqual([]);
  });

  it("keeps the connection while a name is retyped", () => {
    const id = state().addNode("caller_match", { x: 0, y: 300 });
    const rules = (output: string) => state().updateNodeData(id, { rules: [{ output }] }, "rules");
    rules("vip");
    state().connect({ source: id, sourceHandle: "vip", target: "bye", targetHandle: null });
    rules("");
    rules("gold");
    expect(handles(id)).toEqual(["gold"]);
  });

  it("drops the dtmf connection when barge_in is turned off", () => {
    const id = state().addNode("play", { x: 0, y: 200 });
    const data = { ...TTS("x"), barge_in: true };
    state().updateNodeData(id, data);
    state().connect({ source: id, sourceHandle: "dtmf", target: "bye", targetHandle: null });
    state().updateNodeData(id, { ...data, barge_in: false });
    expect(handles(id)).toEqual([]);
  });
});

describe("clipboard", () => {
  it("copies a selection with its inner edges and pastes it under new ids", () => {
    state().select(["start", "menu"]);
    const fragment = state().copySelection()!;
    expect(fragment.nodes.map((n) => n.id)).toEqual(["start", "menu"]);
    expect(fragment.edges).toHaveLength(1);
    expect(JSON.stringify(fragment)).not.toMatch(/selected|measured/);
    const added = state().paste(fragment);
    expect(added).toEqual(["start_1", "menu_1"]);
    expect(state().edges.find((e) => e.source === "start_1")).toMatchObject({ target: "menu_1", sourceHandle: "next" });
    expect(state().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(added);
    expect(state().nodes.find((n) => n.id === "menu_1")!.position).toEqual({ x: 340, y: 40 });
  });

  it("duplicates and undoes the duplicate in one step", () => {
    state().select(["bye"]);
    expect(state().duplicateSelection()).toEqual(["hangup_1"]);
    state().undo();
    expect(state().nodes).toHaveLength(3);
  });
});

describe("decorations", () => {
  it("marks each node with its worst issue", () => {
    const issue = (severity: "error" | "warning", node_id: string) => ({
      code: "x", severity, message: { ru: "", en: "" }, node_id, edge_id: null, field: null, output: null,
    });
    state().setIssues([issue("warning", "menu"), issue("error", "menu"), issue("warning", "bye")]);
    expect(state().nodeIssues).toEqual({ menu: "error", bye: "warning" });
  });
});
