// Following a test call: merging transcript entries from the WebSocket and from polling, and
// the path of nodes the runtime ran (it sets VOXFLOW_NODE to the id of the node it runs).
import type { TranscriptEntry } from "../api/types";
import type { Simulation } from "./store";

export const NODE_VARIABLE = "VOXFLOW_NODE";
const END_EVENTS = new Set(["ChannelDestroyed", "StasisEnd"]);

const identity = ({ channel_id: _channel, ...entry }: TranscriptEntry & { channel_id?: string }) => JSON.stringify(entry);

/** Entries from both sources, each once, in time order (arrival order among equal times). */
export function mergeEntries(current: TranscriptEntry[], incoming: TranscriptEntry[]): TranscriptEntry[] {
  const seen = new Set(current.map(identity));
  const added = incoming.filter((entry) => {
    const key = identity(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (added.length === 0) return current;
  return [...current, ...added]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
}

export function callEnded(entries: TranscriptEntry[]): boolean {
  return entries.some((entry) => END_EVENTS.has(entry.event));
}

export function simulationFrom(entries: TranscriptEntry[], live: boolean): Simulation {
  const path: string[] = [];
  for (const entry of entries) {
    if (entry.event !== "ChannelVarset" || entry.variable !== NODE_VARIABLE || !entry.value) continue;
    if (path[path.length - 1] !== entry.value) path.push(entry.value);
  }
  const visited: Record<string, true> = {};
  for (const id of path) visited[id] = true;
  return { active: live ? (path[path.length - 1] ?? null) : null, path, visited };
}
