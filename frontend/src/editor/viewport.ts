// The view a flow opens with, computed before anything is drawn: it fits every block (with
// estimated sizes; the exact fit follows once they are measured), so a large flow is drawn once,
// already at the zoom it will be seen at, and at that zoom in its compact form.
import type { Viewport } from "@xyflow/react";
import type { FlowNode } from "./graph";

export const MIN_ZOOM = 0.05;
export const MAX_FIT_ZOOM = 1.1;
export const FIT_PADDING = 0.15;
/** Below this zoom a card's texts are unreadable, so cards draw only their title and handles. */
export const COMPACT_ZOOM = 0.5;
const ESTIMATE = { width: 240, height: 140 };

export function viewportToFit(nodes: readonly FlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + (node.measured?.width ?? ESTIMATE.width));
    bottom = Math.max(bottom, node.position.y + (node.measured?.height ?? ESTIMATE.height));
  }
  const scale = 1 + 2 * FIT_PADDING;
  const zoom = Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, width / ((right - left) * scale), height / ((bottom - top) * scale)));
  return { x: width / 2 - ((left + right) / 2) * zoom, y: height / 2 - ((top + bottom) / 2) * zoom, zoom };
}
