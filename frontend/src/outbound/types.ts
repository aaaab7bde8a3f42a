// Shapes of the outbound API: contact lists and their imports, do-not-call lists, campaigns (see
// backend/domains/contacts, dnc and campaigns: schemas.py).

/** A column of an uploaded file: its header name as the preview shows it, or its 0-based position. */
export type Column = string | number;

export interface ColumnMapping {
  external_id?: Column | null;
  name?: Column | null;
  /** In the order they are dialled. */
  phones: Column[];
  timezone?: Column | null;
  variables: Record<string, Column>;
  has_header: boolean;
}

export interface ContactList {
  id: string;
  name: string;
  comment: string;
  contact_count: number;
  last_mapping: ColumnMapping | null;
  created_at: string;
  updated_at: string;
}

export type VariableValue = string | number | boolean | null;

export interface Contact {
  id: string;
  list_id: string;
  external_id: string | null;
  name: string;
  phones: string[];
  timezone: string | null;
  variables: Record<string, VariableValue>;
  updated_at: string;
}

export interface ContactBody {
  external_id?: string | null;
  name?: string;
  phones: string[];
  timezone?: string | null;
  variables?: Record<string, VariableValue>;
}

export interface ImportPreview {
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  header: string[];
  rows: string[][];
  suggested_mapping: ColumnMapping | null;
}

export type ImportState = "uploaded" | "queued" | "reading" | "committing" | "completed" | "failed";
export const OPEN_IMPORT_STATES: readonly ImportState[] = ["queued", "reading", "committing"];

export interface ImportCounts {
  rows: number;
  imported: number;
  updated: number;
  skipped: number;
  rejected: number;
  warnings: number;
}

/** What failed an import (or a file refused at upload): English and Russian, and the field at fault. */
export interface ImportFailure {
  code: string;
  detail: string;
  detail_ru?: string | null;
  field?: string | null;
}

export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: string;
  message_ru: string;
}

export type DuplicatePolicy = "skip" | "update";

export interface ContactImport {
  id: string;
  list_id: string;
  file_name: string;
  file_size: number;
  source: "upload" | "rows" | string;
  format: string | null;
  sheet: string | null;
  sheets: string[];
  header: string[];
  mapping: ColumnMapping | null;
  policy: DuplicatePolicy | string;
  state: ImportState;
  counts: ImportCounts;
  /** 0..1 of the file read, when it can be told (CSV); null for workbooks. */
  progress: number | null;
  report_lines: number;
  error: ImportFailure | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  preview?: ImportPreview | null;
  problems?: RowProblem[] | null;
}

export interface ImportStartBody {
  mapping?: ColumnMapping;
  mapping_id?: string;
  sheet?: string | null;
  policy: DuplicatePolicy;
  save_mapping_as?: string;
}

export interface SavedMapping {
  id: string;
  name: string;
  mapping: ColumnMapping;
  created_at: string;
}

// Do-not-call lists (стоп-лист): the organisation's, and the provider's for the whole installation.

export type DncScope = "tenant" | "provider";

export interface DncEntry {
  id: string;
  number: string;
  reason: string;
  created_at: string;
}

export interface DncImportResult {
  rows: number;
  added: number;
  already_listed: number;
  rejected: number;
  problems: { row: number; code: string; message: string; message_ru: string }[];
}

// Campaigns (автообзвон).

export type CampaignState = "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
export const CAMPAIGN_STATES: readonly CampaignState[] = ["draft", "scheduled", "running", "paused", "completed", "cancelled"];

export type ContactStatus = "pending" | "in_progress" | "succeeded" | "failed" | "suppressed" | "out_of_attempts";
export const CONTACT_STATUSES: readonly ContactStatus[] = [
  "pending", "in_progress", "succeeded", "failed", "out_of_attempts", "suppressed",
];

export type StatusCounts = Record<ContactStatus, number>;

export interface CallingWindow {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** "HH:MM"; the end may be "24:00"; an end before the start spans midnight. */
  start: string;
  end: string;
}

export interface RetryDelays {
  busy: number;
  no_answer: number;
  failed: number;
  provider_error: number;
}
export const RETRY_KINDS = ["busy", "no_answer", "failed", "provider_error"] as const;

export type SuccessKind = "flow_result" | "dtmf" | "listened";

export interface SuccessRule {
  kind: SuccessKind;
  outcome: string;
  digit: string;
  seconds: number;
}

export interface CampaignSettings {
  name: string;
  comment: string;
  flow_id: string;
  list_ids: string[];
  caller_id: string;
  trunk: string;
  max_channels: number;
  max_calls_per_second: number;
  max_attempts_per_contact: number;
  max_attempts_per_number: number;
  retry_delays: RetryDelays;
  windows: CallingWindow[];
  timezone: string;
  starts_at: string | null;
  ends_at: string | null;
  priority: number;
  ring_timeout: number;
  success_rule: SuccessRule;
}

export interface CampaignStarting {
  state: "queued" | "running" | "failed";
  copied: number;
  total: number;
  error: { code: string; detail: string } | null;
}

export interface Campaign extends CampaignSettings {
  id: string;
  flow_version: number | null;
  state: CampaignState;
  state_reason: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
  counts: StatusCounts;
  total: number;
  /** A large campaign's contacts being copied before it starts (it stays a draft meanwhile). */
  starting: CampaignStarting | null;
}

/** What POST /campaigns and PATCH /campaigns/{id} take: every setting optional on PATCH. */
export type CampaignBody = Partial<Omit<CampaignSettings, "timezone">> & { timezone?: string };

export interface CampaignContact {
  id: string;
  campaign_id: string;
  source: "list" | "api" | string;
  external_id: string | null;
  name: string;
  phones: string[];
  timezone: string | null;
  variables: Record<string, VariableValue>;
  priority: number;
  not_before: string | null;
  status: ContactStatus;
  attempts: number;
  number_attempts: number[];
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_outcome: string | null;
  result: string | null;
}

export type AttemptOutcome =
  | "answered" | "busy" | "no_answer" | "failed" | "rejected" | "provider_error" | "cancelled" | "interrupted";
export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = [
  "answered", "busy", "no_answer", "failed", "rejected", "provider_error", "cancelled", "interrupted",
];

export interface Attempt {
  id: string;
  campaign_contact_id: string;
  phone: string;
  attempt_number: number;
  originated_at: string | null;
  ringing_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  talk_seconds: number | null;
  /** null while the call is live. */
  outcome: AttemptOutcome | string | null;
  hangup_cause: number | null;
  dialstatus: string | null;
  dtmf: string;
  flow_result: string | null;
  succeeded: boolean;
  flow_end_reason?: string | null;
  error?: string | null;
}

export interface LiveCall {
  campaign_contact_id: string;
  name: string;
  phone: string;
  state: "ringing" | "answered";
  since: string | null;
}

/** Where a campaign stands: GET /campaigns/{id}/progress, and each message of /campaigns/{id}/live. */
export interface CampaignProgress {
  campaign_id: string;
  state: CampaignState;
  total: number;
  counts: StatusCounts;
  attempts_total: number;
  attempts_last_minute: number;
  /** Succeeded among contacts with a final outcome, 0..1; null before any. */
  success_rate: number | null;
  live_calls: LiveCall[];
  recent_attempts: Attempt[];
  at: string;
}

export type ExportFormat = "xlsx" | "csv";

export interface ExportJob {
  id: string;
  state: "queued" | "running" | "completed" | "failed";
  progress: number;
  rows: number;
  file_name: string;
  error?: string | null;
}

export interface ReportFilters {
  /** ISO times: since inclusive, until exclusive. */
  since?: string | null;
  until?: string | null;
  phone?: string | null;
  outcome?: string | null;
}

export interface CampaignReport {
  counts_by_outcome: Record<string, number>;
  attempts: { items: Attempt[]; next_cursor: string | null };
}
