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

export interface ProviderTenant {
  id: string;
  slug: string;
  name: string;
  status: string;
  locale: Locale;
}
