// Field names of the API's problem details, and matching them to the fields a form shows.

/** "body.windows[0].start" and "windows.0.start" alike become "windows.0.start". */
export function normaliseField(field: string): string {
  return field
    .replace(/^body\./, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "");
}

/** The message of a field or of any of its parts ("windows" answers for "windows.0.start"). */
export function messageFor(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((name) => name.startsWith(field + "."));
  return key ? errors[key] : undefined;
}

/** Field messages the form has no place for, to show above it. */
export function unplaced(errors: Record<string, string>, fields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([name]) => !fields.some((field) => name === field || name.startsWith(field + ".")))
    .map(([, text]) => text);
}

