import { describe, expect, it } from "vitest";
import type { FlowNode } from "./graph";
import { MAX_FIT_ZOOM, viewportToFit } from "./viewport";

const at = (x: number, y: number): FlowNode => ({ id: `${x}-${y}`, position: { x, y }, data: {} });

describe("the view a flow opens with", () => {
  it("centres the blocks and zooms out just enough to show them all", () => {
    const grid = Array.from({ length: 500 }, (_, i) => at((i % 25) * 300, Math.floor(i / 25) * 220));
    const view = viewportToFit(grid, 800, 600);
    expect(view.zoom).toBeGreaterThan(0.05);
    expect(view.zoom).toBeLessThan(0.2);
    const width = (24 * 300 + 240) * view.zoom;
    expect(view.x).toBeCloseTo((800 - width) / 2, 0);
  });

  it("does not magnify a small flow, and leaves an empty one at 100 %", () => {
    expect(viewportToFit([at(0, 0)], 800, 600).zoom).toBe(MAX_FIT_ZOOM);
    expect(viewportToFit([], 800, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
