import { describe, expect, it } from "vitest";
import type { FlowGraph } from "./graph";
import { diffView } from "./views";

const node = (id: string, x = 0) => ({ id, type: "answer", position: { x, y: 0 }, data: {} });

describe("comparing versions", () => {
  it("shows the newer graph plus what it lost, each marked", () => {
    const older: FlowGraph = { nodes: [node("a"), node("gone")], edges: [{ id: "e1", source: "a", sourceHandle: "next", target: "gone" }] };
    const newer: FlowGraph = { nodes: [node("a", 100), node("new")], edges: [{ id: "e2", source: "a", sourceHandle: "next", target: "new" }] };
    const view = diffView(older, newer, {
      from_version: 1,
      to_version: 2,
      nodes: { added: ["new"], removed: ["gone"], changed: [], moved: ["a"] },
      edges: { added: ["e2"], removed: ["e1"], changed: [] },
    });
    expect(view.nodes.map((n) => n.id)).toEqual(["a", "new", "gone"]);
    expect(view.edges.map((e) => e.id)).toEqual(["e2", "e1"]);
    expect(view.overlay).toEqual({ nodes: { a: "moved", new: "added", gone: "removed" }, edges: { e2: "added", e1: "removed" } });
  });
});
