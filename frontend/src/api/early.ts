// Requests started before React renders: when the page opens on a flow, the catalog and the
// flow load alongside the session check instead of after it. A failed early request (no
// session yet, a provider admin's tenant not chosen) is simply made again the usual way.
const started = new Map<string, Promise<unknown>>();

export function startEarly(key: string, load: () => Promise<unknown>): void {
  started.set(key, load().catch(() => undefined));
}

/** The early answer for this key if one was started (once), else a fresh request. */
export async function takeEarly<T>(key: string, load: () => Promise<T>): Promise<T> {
  const early = started.get(key);
  started.delete(key);
  const value = early ? await early : undefined;
  return value === undefined ? load() : (value as T);
}
