// Shapes of the Voxflow API (see docs/api.md and /api/docs/openapi.json).
import type { FlowGraph } from "../editor/graph";

export type Locale = "ru" | "en";
export type Localized = { ru: string; en: string };

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  status: string;
  locale: Locale;
  timezone: string;
}

export interface Me {
  kind: string;
  id: string;
  email: string | null;
  name: string | null;
  role: "provider_admin" | "admin" | "manager" | "agent" | string;
  locale: Locale | null;
  tenant: TenantSummary | null;
  must_change_password?: boolean;
  permissions: string[];
  csrf_token: string | null;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface FlowUsage {
  numbers: string[];
  flows: string[];
}

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  revision: number;
  published_version: number | null;
  published_at: string | null;
  updated_at: string;
  usage: FlowUsage;
}

export interface Issue {
  code: string;
  severity: "error" | "warning";
  message: Localized;
  node_id: string | null;
  edge_id: string | null;
  field: string | null;
  output: string | null;
}

export interface Flow extends FlowSummary {
  draft: FlowGraph;
  draft_saved_by: string | null;
  issues: Issue[];
}

export interface DraftSaved {
  revision: number;
  issues: Issue[];
}

export interface VersionSummary {
  version: number;
  note: string;
  author: string;
  published_at: string;
}

export interface Version extends VersionSummary {
  graph: FlowGraph;
}

export interface GraphDiff {
  from_version: number;
  to_version: number;
  nodes: { added?: string[]; removed?: string[]; changed?: string[]; moved?: string[] };
  edges: { added?: string[]; removed?: string[]; changed?: string[] };
}

export interface FlowExport {
  format: "voxflow.flow";
  format_version: number;
  name: string;
  description?: string;
  graph: FlowGraph;
}

export type NumberKind = "did" | "pattern" | "extension";

export interface PhoneNumber {
  id: string;
  number: string;
  kind: NumberKind;
  flow_id: string | null;
  description: string;
  created_at: string;
}

export interface AudioAsset {
  id: string;
  name: string;
  original_filename: string;
  format: string;
  original_bytes: number;
  wav_bytes: number;
  duration_seconds: number;
  created_at: string;
  usage?: { published_flows: string[]; draft_flows: string[] } | null;
}

export interface TranscriptEntry {
  at: string;
  event: string;
  text?: string;
  media_uri?: string;
  digit?: string;
  variable?: string;
  value?: string;
  [key: string]: unknown;
}

export interface TestCall {
  channel_id: string;
  live: boolean;
  transcript: TranscriptEntry[];
}

// Administration: users, API keys, audit, organisations and the installation.

export type TenantRole = "admin" | "manager" | "agent";

export interface User {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  disabled: boolean;
  locale: Locale | null;
  must_change_password: boolean;
  last_login_at: string | null;
  created_at: string;
}

export interface UserCreated extends User {
  /** Generated when no password was given; shown once. */
  initial_password: string | null;
}

export interface PasswordResetDone {
  password: string | null;
  sessions_ended: number;
}

export interface ApiKey {
  id: string;
  name: string;
  role: TenantRole;
  prefix: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface ApiKeyCreated extends ApiKey {
  /** The key itself: in this answer once, never again. */
  key: string;
}

export interface AuditEntry {
  id: string;
  tenant_id: string | null;
  at: string;
  actor_kind: "user" | "api_key" | string;
  actor_id: string;
  actor_label: string;
  via_provider: boolean;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: Record<string, unknown>;
}

export interface AuditFilters {
  tenant_id?: string | null;
  actor_id?: string | null;
  object_type?: string | null;
  action?: string | null;
  /** ISO times: since inclusive, until exclusive. */
  since?: string | null;
  until?: string | null;
}

export interface TenantLimits {
  max_concurrent_calls: number;
  max_calls_per_second: number;
  max_users: number;
  storage_quota_mb: number;
}

export type TenantStatus = "active" | "suspended";

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  status_reason: string | null;
  timezone: string;
  locale: Locale;
  default_region: string;
  limits: TenantLimits;
  allowed_http_hosts: string[];
  created_at: string;
}

export interface TenantUsage {
  users: number;
  api_keys: number;
  numbers: number;
  flows: number;
  active_calls: number;
  storage_used_mb: number;
  /** Not reported by every version of the API yet. */
  campaigns_running?: number;
}

export interface ProviderTenant extends Tenant {
  usage: TenantUsage;
}

export interface TenantCreated extends Tenant {
  admin_email: string;
  /** Generated when no password was given for the first admin; shown once. */
  admin_initial_password: string | null;
}

/** What the provider and a tenant's admin may both change. */
export interface TenantProfile {
  name: string;
  timezone: string;
  locale: Locale;
  default_region: string;
}

export interface RuntimeProcess {
  id: string;
  ari_url?: string;
  app?: string;
  connected?: boolean;
  live_calls?: number;
  reconnects?: number;
  started_at?: number;
  /** Unix time of the last heartbeat. */
  at?: number;
}

export interface InstallationHealth {
  version: string;
  /** "ok" or "error: <what>". */
  database: string;
  redis: string;
  telephony: "sandbox" | "asterisk" | "none" | string;
  ari_url: string | null;
  runtimes: RuntimeProcess[];
}
