// An audit entry's summary ({changes: {field: [old, new]}, after, before, secrets_changed, …}) as lines
// a person reads: nested objects are spread into dotted fields, and only what differs is listed.

export type SummaryLine =
  | { kind: "change"; field: string; before: string; after: string }
  | { kind: "value"; field: string; value: string }
  | { kind: "secret"; field: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(", ") : "—";
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

/** Every leaf of an object as [dotted field, value]. */
function leaves(value: unknown, prefix: string): [string, unknown][] {
  if (!isObject(value)) return [[prefix, value]];
  const entries = Object.entries(value);
  if (!entries.length) return [[prefix, value]];
  return entries.flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}

function changes(diff: Record<string, unknown>): SummaryLine[] {
  return Object.entries(diff).flatMap(([field, pair]): SummaryLine[] => {
    const [before, after] = Array.isArray(pair) && pair.length === 2 ? pair : [undefined, pair];
    if (isObject(before) && isObject(after)) {
      const old = new Map(leaves(before, field));
      const now = new Map(leaves(after, field));
      return [...new Set([...old.keys(), ...now.keys()])]
        .filter((key) => formatValue(old.get(key)) !== formatValue(now.get(key)))
        .map((key) => ({ kind: "change", field: key, before: formatValue(old.get(key)), after: formatValue(now.get(key)) }));
    }
    return [{ kind: "change", field, before: formatValue(before), after: formatValue(after) }];
  });
}

/** Bookkeeping a snapshot carries that says nothing to a reader (the entry names the object already). */
const BOOKKEEPING = new Set(["id", "tenant_id", "revision_id", "created_at", "updated_at"]);

const values = (snapshot: unknown): SummaryLine[] =>
  leaves(snapshot, "")
    .filter(([field]) => !BOOKKEEPING.has(field))
    .map(([field, value]) => ({ kind: "value", field, value: formatValue(value) }));

export function summaryLines(summary: Record<string, unknown>): SummaryLine[] {
  return Object.entries(summary).flatMap(([key, value]): SummaryLine[] => {
    if (key === "changes" && isObject(value)) return changes(value);
    if ((key === "after" || key === "before") && isObject(value)) return values(value);
    if (key === "secrets_changed" && Array.isArray(value)) return value.map((field) => ({ kind: "secret", field: String(field) }));
    return [{ kind: "value", field: key, value: formatValue(value) }];
  });
}
