// Client-side checks of form fields (the same rules the API applies), and how the API's per-field
// problems are matched to the fields a form shows.

/** A message as an i18n key with its values; null when the value is fine. */
export type Message = { key: string; values?: Record<string, unknown> } | null;
export type Check = (value: string) => Message;

const msg = (key: string, values?: Record<string, unknown>): Message => ({ key, values });

export const required: Check = (value) => (value.trim() ? null : msg("validation.required"));

export const minLength = (min: number): Check => (value) => (value.length >= min ? null : msg("validation.minLength", { min }));

export const maxLength = (max: number): Check => (value) => (value.length <= max ? null : msg("validation.maxLength", { max }));

// What email_validator accepts, roughly: something@domain.tld, no spaces.
export const email: Check = (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : msg("validation.email"));

export const slug: Check = (value) =>
  /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(value) ? null : msg("validation.slug");

export const region: Check = (value) => (/^[A-Za-z]{2}$/.test(value.trim()) ? null : msg("validation.region"));

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOST = new RegExp(`^(\\*\\.)?${LABEL}(?:\\.${LABEL})*$`);
export const hostName: Check = (value) => (HOST.test(value) && value.length <= 253 ? null : msg("validation.host"));

export const wholeNumber = (min: number, max: number): Check => (value) => {
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number)) return msg("validation.integer");
  if (number < min) return msg("validation.minimum", { min });
  if (number > max) return msg("validation.maximum", { max });
  return null;
};

export const decimal = (min: number, max: number): Check => (value) => {
  const number = Number(value);
  if (value.trim() === "" || Number.isNaN(number)) return msg("validation.number");
  if (number < min) return msg("validation.minimum", { min });
  if (number > max) return msg("validation.maximum", { max });
  return null;
};

/** The first failing check's message. */
export function check(value: string, ...checks: Check[]): Message {
  for (const one of checks) {
    const result = one(value);
    if (result) return result;
  }
  return null;
}

/** The message of a field, or of its parts: "admin.email" answers for "admin.email" and
 * "allowed_http_hosts" for "allowed_http_hosts.1" (one entry of a list). */
export function fieldMessage(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((name) => name.startsWith(field + "."));
  return key ? errors[key] : undefined;
}

/** Splits the API's field messages into those a form shows by a field and the rest (shown above it). */
export function matchFields(errors: Record<string, string>, fields: readonly string[]): { shown: Record<string, string>; other: string[] } {
  const shown: Record<string, string> = {};
  const other: string[] = [];
  for (const [name, text] of Object.entries(errors)) {
    const field = fields.find((candidate) => name === candidate || name.startsWith(candidate + "."));
    if (field) shown[name] = text;
    else other.push(text);
  }
  return { shown, other };
}
