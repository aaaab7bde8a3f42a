// The upload wizard's column mapping as one role per column of the file (what the person picks above each
// column), and back to the ColumnMapping the API takes. Pure functions: mapping.test.ts.
import { normaliseField } from "./fields";
import type { Column, ColumnMapping, ImportPreview } from "./types";

export type ColumnRole =
  | { kind: "skip" }
  | { kind: "external_id" }
  | { kind: "name" }
  | { kind: "timezone" }
  /** 1-based: the order the numbers are dialled in. */
  | { kind: "phone"; order: number }
  | { kind: "variable"; name: string };

export type RoleKind = ColumnRole["kind"];

export const SKIP: ColumnRole = { kind: "skip" };
export const MAX_PHONES = 10;
export const MAX_VARIABLES = 100;
export const VARIABLE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** Roles one column at most may have. */
const SINGLE: RoleKind[] = ["external_id", "name", "timezone"];

/** The spreadsheet's name of a column: 0 → A, 25 → Z, 26 → AA. */
export function columnLabel(index: number): string {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

/** Where a mapped column is: a position as it is, a name in the header (exactly, else ignoring case,
 * leftmost first), as the API resolves it; null when the file has no such column. */
export function resolveColumn(column: Column | null | undefined, header: readonly string[]): number | null {
  if (column === null || column === undefined) return null;
  if (typeof column === "number") return column >= 0 ? column : null;
  const exact = header.indexOf(column);
  if (exact >= 0) return exact;
  const folded = column.toLocaleLowerCase();
  const loose = header.findIndex((name) => name.toLocaleLowerCase() === folded);
  return loose >= 0 ? loose : null;
}

/** Phones renumbered 1..n in their order (ties by column), nothing else changed. */
export function compactPhones(roles: readonly ColumnRole[]): ColumnRole[] {
  const phones = roles
    .map((role, index) => ({ role, index }))
    .filter((entry): entry is { role: { kind: "phone"; order: number }; index: number } => entry.role.kind === "phone")
    .sort((a, b) => a.role.order - b.role.order || a.index - b.index);
  const order = new Map(phones.map((entry, position) => [entry.index, position + 1]));
  return roles.map((role, index) => (role.kind === "phone" ? { kind: "phone", order: order.get(index) ?? 1 } : role));
}

export const phoneCount = (roles: readonly ColumnRole[]) => roles.filter((role) => role.kind === "phone").length;

/** A role per column (`width` of them) from a mapping; columns it does not name are skipped. */
export function rolesFromMapping(mapping: ColumnMapping | null | undefined, header: readonly string[], width = header.length): ColumnRole[] {
  const roles: ColumnRole[] = Array.from({ length: width }, () => SKIP);
  if (!mapping) return roles;
  const place = (column: Column | null | undefined, role: ColumnRole) => {
    const index = resolveColumn(column, header);
    if (index !== null && index < width && roles[index].kind === "skip") roles[index] = role;
  };
  mapping.phones.forEach((column, position) => place(column, { kind: "phone", order: position + 1 }));
  place(mapping.external_id, { kind: "external_id" });
  place(mapping.name, { kind: "name" });
  place(mapping.timezone, { kind: "timezone" });
  for (const [name, column] of Object.entries(mapping.variables ?? {})) place(column, { kind: "variable", name });
  return compactPhones(roles);
}

/** The mapping the roles make: columns by header name while the file has a header row, else by position. */
export function mappingFromRoles(roles: readonly ColumnRole[], header: readonly string[], hasHeader: boolean): ColumnMapping {
  const ref = (index: number): Column => (hasHeader && header[index] ? header[index] : index);
  const mapping: ColumnMapping = { phones: [], variables: {}, has_header: hasHeader };
  const phones: { order: number; index: number }[] = [];
  roles.forEach((role, index) => {
    switch (role.kind) {
      case "external_id":
      case "name":
      case "timezone":
        mapping[role.kind] = ref(index);
        break;
      case "phone":
        phones.push({ order: role.order, index });
        break;
      case "variable":
        mapping.variables[role.name] = ref(index);
        break;
      case "skip":
        break;
    }
  });
  mapping.phones = phones.sort((a, b) => a.order - b.order || a.index - b.index).map((phone) => ref(phone.index));
  return mapping;
}

/** Column `index` takes `role`. A role one column may have leaves the column that had it; a phone's
 * order is a place in the dialling order (the phones from there on move down one). */
export function assignRole(roles: readonly ColumnRole[], index: number, role: ColumnRole): ColumnRole[] {
  let next = roles.map((current, position): ColumnRole => {
    if (position === index) return role;
    if (SINGLE.includes(role.kind) && current.kind === role.kind) return SKIP;
    return current;
  });
  if (role.kind === "phone") {
    next = next.map((current, position) =>
      position !== index && current.kind === "phone" && current.order >= role.order ? { kind: "phone", order: current.order + 1 } : current,
    );
  }
  return compactPhones(next);
}

const TRANSLIT: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "c", ч: "ch", ш: "sh", щ: "sch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** A column header as a contact.* variable name, as the API guesses it: "Сумма долга" → "summa_dolga". */
export function variableName(column: string): string | null {
  const latin = [...column.toLocaleLowerCase()].map((char) => TRANSLIT[char] ?? char).join("");
  const name = latin.replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!name || !/^[a-z]/.test(name)) return null;
  return name.slice(0, 40);
}

/** The value of a column's role select: "phone:2" for the second number. */
export function roleValue(role: ColumnRole): string {
  return role.kind === "phone" ? `phone:${role.order}` : role.kind;
}

/** The role a select value stands for; a new variable is named after its column. */
export function roleFromValue(value: string, current: ColumnRole, columnName: string, index: number): ColumnRole {
  if (value.startsWith("phone:")) return { kind: "phone", order: Math.max(1, Number(value.slice(6)) || 1) };
  if (value === "variable") {
    if (current.kind === "variable") return current;
    return { kind: "variable", name: variableName(columnName) ?? `column_${index + 1}` };
  }
  if (value === "external_id" || value === "name" || value === "timezone") return { kind: value };
  return SKIP;
}

/** The choices of a column's role select: one "phone N" per place a number can go. */
export function roleChoices(roles: readonly ColumnRole[], index: number): string[] {
  const phones = phoneCount(roles);
  const own = roles[index]?.kind === "phone";
  const places = Math.min(MAX_PHONES, own ? phones : phones + 1);
  return ["skip", ...Array.from({ length: Math.max(1, places) }, (_, n) => `phone:${n + 1}`), "name", "external_id", "timezone", "variable"];
}

export interface RoleCheck {
  /** i18n keys of problems with the mapping as a whole. */
  general: string[];
  /** i18n key of a column's problem, by column. */
  columns: Record<number, string>;
}

export function checkRoles(roles: readonly ColumnRole[]): RoleCheck {
  const general: string[] = [];
  const columns: Record<number, string> = {};
  const phones = phoneCount(roles);
  if (phones === 0) general.push("outbound.mapping.needPhone");
  if (phones > MAX_PHONES) general.push("outbound.mapping.tooManyPhones");
  const seen = new Set<string>();
  let variables = 0;
  roles.forEach((role, index) => {
    if (role.kind !== "variable") return;
    variables += 1;
    if (!VARIABLE_NAME.test(role.name)) columns[index] = "outbound.mapping.badVariable";
    else if (seen.has(role.name)) columns[index] = "outbound.mapping.variableTaken";
    seen.add(role.name);
  });
  if (variables > MAX_VARIABLES) general.push("outbound.mapping.tooManyVariables");
  return { general, columns };
}

/** The column an API problem with the mapping is about: "mapping.phones[1]" → the second phone's column. */
export function columnOfField(field: string, mapping: ColumnMapping, header: readonly string[]): number | null {
  const parts = normaliseField(field).split(".");
  if (parts[0] === "mapping") parts.shift();
  const [name, key] = parts;
  let column: Column | null | undefined = null;
  if (name === "phones") column = key === undefined ? null : mapping.phones[Number(key)];
  else if (name === "variables") column = key === undefined ? null : mapping.variables[key];
  else if (name === "external_id" || name === "name" || name === "timezone") column = mapping[name];
  return resolveColumn(column, header);
}

/** What the preview table shows: column titles and data rows. Without a header row, the first row is
 * data and columns go by their letters. */
export function previewTable(preview: Pick<ImportPreview, "header" | "rows">, hasHeader: boolean): { titles: string[]; rows: string[][] } {
  const width = Math.max(preview.header.length, ...preview.rows.map((row) => row.length));
  const pad = (row: readonly string[]) => [...row, ...Array<string>(Math.max(0, width - row.length)).fill("")];
  if (hasHeader) return { titles: pad(preview.header), rows: preview.rows.map(pad) };
  return { titles: Array.from({ length: width }, (_, index) => columnLabel(index)), rows: [pad(preview.header), ...preview.rows.map(pad)] };
}
