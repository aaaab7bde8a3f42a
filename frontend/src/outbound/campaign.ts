// Campaign logic the screens share, kept pure (campaign.test.ts): status colours and the progress bar,
// which buttons a state offers, and the settings form's values to and from the API's shape.
import type { Message } from "../forms/validation";
import type { CallingWindow, Campaign, CampaignBody, CampaignState, ContactStatus, RetryDelays, StatusCounts, SuccessKind } from "./types";
import { CONTACT_STATUSES, RETRY_KINDS } from "./types";

/** Colours users know: reached green, not reached red, waiting yellow. */
export const STATUS_COLORS: Record<ContactStatus, string> = {
  succeeded: "green",
  failed: "red",
  out_of_attempts: "red.9",
  pending: "yellow",
  in_progress: "blue",
  suppressed: "gray",
};

export const STATE_COLORS: Record<CampaignState, string> = {
  draft: "gray",
  scheduled: "cyan",
  running: "green",
  paused: "yellow",
  completed: "teal",
  cancelled: "red",
};

export const FINAL_STATES: readonly CampaignState[] = ["completed", "cancelled"];
export const isFinal = (state: CampaignState) => FINAL_STATES.includes(state);
/** Statuses a contact ends in (nothing more is dialled). */
export const DONE_STATUSES: readonly ContactStatus[] = ["succeeded", "failed", "out_of_attempts", "suppressed"];

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(CONTACT_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

export function countsTotal(counts: Partial<StatusCounts>): number {
  return CONTACT_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
}

export interface ProgressPart {
  status: ContactStatus;
  count: number;
  /** Share of all contacts, 0–100. */
  percent: number;
  color: string;
}

/** The progress bar's sections: finished contacts first, then calls in progress; waiting ones are the rest. */
export function progressParts(counts: Partial<StatusCounts>, total = countsTotal(counts)): ProgressPart[] {
  if (total <= 0) return [];
  const order: ContactStatus[] = ["succeeded", "failed", "out_of_attempts", "suppressed", "in_progress"];
  return order
    .map((status) => ({ status, count: counts[status] ?? 0, percent: ((counts[status] ?? 0) / total) * 100, color: STATUS_COLORS[status] }))
    .filter((part) => part.count > 0);
}

/** Share of contacts that are done, 0–100 (whole when there are none left to call). */
export function donePercent(counts: Partial<StatusCounts>, total = countsTotal(counts)): number {
  if (total <= 0) return 0;
  const done = DONE_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  return Math.min(100, (done / total) * 100);
}

export type CampaignCommand = "start" | "pause" | "resume" | "cancel" | "edit" | "delete";

/** What can be done to a campaign in this state (the API's transitions). */
export function commandsFor(state: CampaignState): CampaignCommand[] {
  switch (state) {
    case "draft":
      return ["start", "edit", "delete"];
    case "scheduled":
    case "running":
      return ["pause", "edit", "cancel"];
    case "paused":
      return ["resume", "edit", "cancel"];
    case "completed":
    case "cancelled":
      return ["delete"];
  }
}

// The settings form. Its values are what the inputs hold: numbers as numbers, retry delays in minutes,
// dates as the browser's local "YYYY-MM-DDTHH:mm".

export interface WindowValue extends CallingWindow {
  /** Stable React key of the row. */
  key: string;
}

export interface CampaignFormValues extends Record<string, unknown> {
  name: string;
  comment: string;
  flow_id: string | null;
  list_ids: string[];
  caller_id: string;
  trunk: string;
  max_channels: number | string;
  max_calls_per_second: number | string;
  max_attempts_per_contact: number | string;
  max_attempts_per_number: number | string;
  /** Minutes. */
  retry_delays: Record<keyof RetryDelays, number | string>;
  windows: WindowValue[];
  /** "" for the organisation's. */
  timezone: string;
  starts_at: string;
  ends_at: string;
  priority: number | string;
  ring_timeout: number | string;
  success_kind: SuccessKind;
  success_outcome: string;
  success_digit: string;
  success_seconds: number | string;
}

let windowKeys = 0;
export const windowKey = () => `w${++windowKeys}`;

/** Workdays 09:00–21:00: the usual calling hours. */
export const DEFAULT_WINDOW: CallingWindow = { days: [1, 2, 3, 4, 5], start: "09:00", end: "21:00" };

export function defaultFormValues(): CampaignFormValues {
  return {
    name: "",
    comment: "",
    flow_id: null,
    list_ids: [],
    caller_id: "",
    trunk: "",
    max_channels: 10,
    max_calls_per_second: 5,
    max_attempts_per_contact: 3,
    max_attempts_per_number: 2,
    retry_delays: { busy: 10, no_answer: 30, failed: 15, provider_error: 30 },
    windows: [{ ...DEFAULT_WINDOW, key: windowKey() }],
    timezone: "",
    starts_at: "",
    ends_at: "",
    priority: 5,
    ring_timeout: 30,
    success_kind: "flow_result",
    success_outcome: "confirmed",
    success_digit: "1",
    success_seconds: 10,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO time as the browser's local "YYYY-MM-DDTHH:mm" (what a datetime-local input holds). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A local "YYYY-MM-DDTHH:mm" as an ISO time; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const minutes = (seconds: number) => Math.round((seconds / 60) * 100) / 100;

export function formValuesOf(campaign: Campaign): CampaignFormValues {
  return {
    name: campaign.name,
    comment: campaign.comment,
    flow_id: campaign.flow_id,
    list_ids: [...campaign.list_ids],
    caller_id: campaign.caller_id,
    trunk: campaign.trunk,
    max_channels: campaign.max_channels,
    max_calls_per_second: campaign.max_calls_per_second,
    max_attempts_per_contact: campaign.max_attempts_per_contact,
    max_attempts_per_number: campaign.max_attempts_per_number,
    retry_delays: Object.fromEntries(RETRY_KINDS.map((kind) => [kind, minutes(campaign.retry_delays[kind] ?? 0)])) as CampaignFormValues["retry_delays"],
    windows: campaign.windows.map((window) => ({ ...window, days: [...window.days], key: windowKey() })),
    timezone: campaign.timezone,
    starts_at: toLocalInput(campaign.starts_at),
    ends_at: toLocalInput(campaign.ends_at),
    priority: campaign.priority,
    ring_timeout: campaign.ring_timeout,
    success_kind: campaign.success_rule.kind,
    success_outcome: campaign.success_rule.outcome,
    success_digit: campaign.success_rule.digit,
    success_seconds: campaign.success_rule.seconds,
  };
}

const num = (value: number | string) => (typeof value === "number" ? value : Number(String(value).replace(",", ".")));

/** The API body of the form. The flow and lists go only while a draft (`draft`); the time zone only when
 * chosen (a new campaign takes the organisation's). */
export function bodyOf(values: CampaignFormValues, draft: boolean): CampaignBody {
  const body: CampaignBody = {
    name: values.name.trim(),
    comment: values.comment.trim(),
    caller_id: values.caller_id.trim(),
    trunk: values.trunk.trim(),
    max_channels: num(values.max_channels),
    max_calls_per_second: num(values.max_calls_per_second),
    max_attempts_per_contact: num(values.max_attempts_per_contact),
    max_attempts_per_number: num(values.max_attempts_per_number),
    retry_delays: Object.fromEntries(RETRY_KINDS.map((kind) => [kind, Math.round(num(values.retry_delays[kind]) * 60)])) as unknown as RetryDelays,
    windows: values.windows.map(({ days, start, end }) => ({ days: [...days].sort((a, b) => a - b), start, end })),
    starts_at: fromLocalInput(values.starts_at),
    ends_at: fromLocalInput(values.ends_at),
    priority: num(values.priority),
    ring_timeout: num(values.ring_timeout),
    success_rule: {
      kind: values.success_kind,
      outcome: values.success_outcome.trim() || "confirmed",
      digit: values.success_digit || "1",
      seconds: num(values.success_seconds) || 10,
    },
  };
  if (values.timezone) body.timezone = values.timezone;
  if (draft) {
    body.flow_id = values.flow_id ?? undefined;
    body.list_ids = [...values.list_ids];
  }
  return body;
}

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** A time as typed ("9", "9:30", "930", "09.30") in the API's "HH:MM"; anything else as it was. */
export function normaliseClock(text: string): string {
  const match = text.trim().match(/^(\d{1,2})(?:[:.\s]?(\d{2}))?$/);
  if (!match) return text.trim();
  return `${match[1].padStart(2, "0")}:${match[2] ?? "00"}`;
}
const msg = (key: string, values?: Record<string, unknown>): Message => ({ key, values });

function wholeIn(value: number | string, min: number, max: number): Message {
  const number = num(value);
  if (String(value).trim() === "" || !Number.isInteger(number)) return msg("validation.integer");
  if (number < min) return msg("validation.minimum", { min });
  if (number > max) return msg("validation.maximum", { max });
  return null;
}

function decimalIn(value: number | string, above: number, max: number): Message {
  const number = num(value);
  if (String(value).trim() === "" || Number.isNaN(number)) return msg("validation.number");
  if (number <= above) return msg("outbound.validation.above", { min: above });
  if (number > max) return msg("validation.maximum", { max });
  return null;
}

/** The problems of one calling window, by its field ("days", "start", "end"). */
export function checkWindow(window: CallingWindow): Partial<Record<"days" | "start" | "end", Message>> {
  const out: Partial<Record<"days" | "start" | "end", Message>> = {};
  if (!window.days.length) out.days = msg("outbound.validation.noDays");
  if (!HH_MM.test(window.start)) out.start = msg("outbound.validation.time");
  if (!HH_MM.test(window.end) && window.end !== "24:00") out.end = msg("outbound.validation.time");
  else if (window.start === window.end) out.end = msg("outbound.validation.sameTimes");
  return out;
}

/** Client-side checks of the settings (the API's rules), keyed as the API names the fields. */
export function checkCampaign(values: CampaignFormValues, draft: boolean): Record<string, Message> {
  const out: Record<string, Message> = {
    name: values.name.trim() ? (values.name.trim().length > 200 ? msg("validation.maxLength", { max: 200 }) : null) : msg("validation.required"),
    flow_id: draft && !values.flow_id ? msg("validation.required") : null,
    max_channels: wholeIn(values.max_channels, 1, 1000),
    max_calls_per_second: decimalIn(values.max_calls_per_second, 0, 200),
    max_attempts_per_contact: wholeIn(values.max_attempts_per_contact, 1, 50),
    max_attempts_per_number: wholeIn(values.max_attempts_per_number, 1, 50),
    priority: wholeIn(values.priority, 1, 10),
    ring_timeout: wholeIn(values.ring_timeout, 5, 180),
    caller_id: values.caller_id.trim().length > 32 ? msg("validation.maxLength", { max: 32 }) : null,
    trunk: /^[A-Za-z0-9_.-]{0,64}$/.test(values.trunk.trim()) ? null : msg("outbound.validation.trunk"),
  };
  for (const kind of RETRY_KINDS) {
    const value = num(values.retry_delays[kind]);
    const text = String(values.retry_delays[kind]).trim();
    out[`retry_delays.${kind}`] =
      text === "" || Number.isNaN(value) ? msg("validation.number") : value < 0 ? msg("validation.minimum", { min: 0 }) : value > 7 * 24 * 60 ? msg("validation.maximum", { max: 7 * 24 * 60 }) : null;
  }
  values.windows.forEach((window, index) => {
    for (const [field, message] of Object.entries(checkWindow(window))) out[`windows.${index}.${field}`] = message ?? null;
  });
  if (values.windows.length > 21) out.windows = msg("validation.maxItems", { max: 21 });
  const starts = fromLocalInput(values.starts_at);
  const ends = fromLocalInput(values.ends_at);
  if (values.starts_at && !starts) out.starts_at = msg("outbound.validation.dateTime");
  if (values.ends_at && !ends) out.ends_at = msg("outbound.validation.dateTime");
  else if (starts && ends && ends <= starts) out.ends_at = msg("outbound.validation.endsBeforeStart");
  if (values.success_kind === "flow_result") {
    const outcome = values.success_outcome.trim();
    out["success_rule.outcome"] = !outcome ? msg("validation.required") : outcome.length > 64 ? msg("validation.maxLength", { max: 64 }) : null;
  }
  if (values.success_kind === "dtmf") out["success_rule.digit"] = /^[0-9*#]$/.test(values.success_digit) ? null : msg("outbound.validation.digit");
  if (values.success_kind === "listened") out["success_rule.seconds"] = wholeIn(values.success_seconds, 1, 3600);
  return out;
}

/** Weekday numbers (ISO, Monday first) as short names in the UI's language. */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, index) => format.format(new Date(Date.UTC(2024, 0, 1 + index))));
}

/** "Mon–Fri 09:00–21:00" style summary of a window. Consecutive days join into a range. */
export function windowSummary(window: CallingWindow, names: readonly string[]): string {
  const days = [...window.days].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j += 1;
    ranges.push(j - i >= 2 ? `${names[days[i] - 1]}–${names[days[j] - 1]}` : days.slice(i, j + 1).map((day) => names[day - 1]).join(", "));
    i = j + 1;
  }
  return `${ranges.join(", ")} ${window.start}–${window.end}`;
}

/** Seconds as "m:ss" ("h:mm:ss" from an hour). */
export function clock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return "—";
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Seconds between two ISO times (a live call's length by the server's clock). */
export function secondsBetween(since: string | null, until: string): number | null {
  if (!since) return null;
  const seconds = (new Date(until).getTime() - new Date(since).getTime()) / 1000;
  return Number.isNaN(seconds) ? null : Math.max(0, seconds);
}

/** The report's filters as the query sends them: local dates to ISO, blanks left out. */
export function reportQuery(filters: { since: string; until: string; phone: string; outcome: string | null }) {
  return {
    since: fromLocalInput(filters.since),
    until: fromLocalInput(filters.until),
    phone: filters.phone.trim() || null,
    outcome: filters.outcome || null,
  };
}
