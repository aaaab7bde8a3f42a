// The blocks clipboard lives in localStorage, so copying in one flow and pasting in another works.
import type { FlowGraph } from "./graph";

const KEY = "voxflow.clipboard";
let pastes = 0;

export function writeClipboard(fragment: FlowGraph): void {
  localStorage.setItem(KEY, JSON.stringify(fragment));
  pastes = 0;
}

/** The copied fragment and how far to shift it, so repeated pastes do not stack up. */
export function readClipboard(): { fragment: FlowGraph; offset: { x: number; y: number } } | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const fragment = JSON.parse(raw) as FlowGraph;
    if (!Array.isArray(fragment.nodes) || !Array.isArray(fragment.edges)) return null;
    pastes += 1;
    return { fragment, offset: { x: 40 * pastes, y: 40 * pastes } };
  } catch {
    return null;
  }
}
