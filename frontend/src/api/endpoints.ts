// Typed functions for every API operation the editor uses, grouped by domain.
import type { FlowGraph } from "../editor/graph";
import type { NodeTypeEntry } from "../catalog/types";
import { request } from "./client";
import type {
  ApiKey,
  ApiKeyCreated,
  AuditEntry,
  AuditFilters,
  AudioAsset,
  DraftSaved,
  Flow,
  FlowExport,
  FlowSummary,
  GraphDiff,
  Locale,
  Me,
  NumberKind,
  InstallationHealth,
  Page,
  PasswordResetDone,
  PhoneNumber,
  ProviderTenant,
  Tenant,
  TenantCreated,
  TenantLimits,
  TenantProfile,
  TenantRole,
  TenantStatus,
  TestCall,
  User,
  UserCreated,
  Version,
  VersionSummary,
} from "./types";

const enc = encodeURIComponent;

export const authApi = {
  login: (email: string, password: string) => request<Me>("POST", "/auth/login", { body: { email, password } }),
  me: () => request<Me>("GET", "/auth/me"),
  logout: () => request<void>("POST", "/auth/logout"),
  setLocale: (locale: Locale) => request<Me>("PATCH", "/auth/me", { body: { locale } }),
  updateProfile: (patch: { name?: string; locale?: Locale }) => request<Me>("PATCH", "/auth/me", { body: patch }),
  changePassword: (current_password: string, new_password: string) =>
    request<{ ended: number }>("POST", "/auth/password", { body: { current_password, new_password } }),
  logoutOthers: () => request<{ ended: number }>("POST", "/auth/logout-others"),
};

export const usersApi = {
  list: (search: string, cursor?: string | null, limit = 50) =>
    request<Page<User>>("GET", "/users", { query: { search, cursor, limit } }),
  create: (body: { email: string; name: string; role: TenantRole; password?: string }) =>
    request<UserCreated>("POST", "/users", { body }),
  update: (id: string, patch: { name?: string; role?: TenantRole; disabled?: boolean }) =>
    request<User>("PATCH", `/users/${enc(id)}`, { body: patch }),
  resetPassword: (id: string, password?: string) =>
    request<PasswordResetDone>("POST", `/users/${enc(id)}/reset-password`, { body: password ? { password } : {} }),
};

export const apiKeysApi = {
  list: (cursor?: string | null, limit = 50) => request<Page<ApiKey>>("GET", "/api-keys", { query: { cursor, limit } }),
  create: (body: { name: string; role: TenantRole }) => request<ApiKeyCreated>("POST", "/api-keys", { body }),
  revoke: (id: string) => request<ApiKey>("POST", `/api-keys/${enc(id)}/revoke`),
};

export const auditApi = {
  /** The organisation's log, or (provider) the installation's, optionally one organisation's. */
  list: (scope: "tenant" | "provider", filters: AuditFilters, cursor?: string | null) =>
    request<Page<AuditEntry>>("GET", scope === "tenant" ? "/audit" : "/provider/audit", {
      query: { ...filters, ...(scope === "tenant" ? { tenant_id: null } : {}), cursor, limit: 50 },
    }),
};

export const tenantApi = {
  get: () => request<Tenant>("GET", "/tenant"),
  update: (patch: Partial<TenantProfile> & { allowed_http_hosts?: string[] }) =>
    request<Tenant>("PATCH", "/tenant", { body: patch }),
};

export interface TenantCreateBody extends TenantProfile {
  slug: string;
  limits: TenantLimits;
  admin: { email: string; name: string; password?: string };
}

export const providerApi = {
  tenants: (search = "", status: TenantStatus | null = null, cursor?: string | null, limit = 50) =>
    request<Page<ProviderTenant>>("GET", "/provider/tenants", { query: { search, status, cursor, limit } }),
  tenant: (id: string) => request<ProviderTenant>("GET", `/provider/tenants/${enc(id)}`),
  create: (body: TenantCreateBody) => request<TenantCreated>("POST", "/provider/tenants", { body }),
  update: (id: string, patch: Partial<TenantProfile> & { limits?: TenantLimits }) =>
    request<Tenant>("PATCH", `/provider/tenants/${enc(id)}`, { body: patch }),
  setStatus: (id: string, status: TenantStatus, reason: string) =>
    request<Tenant>("POST", `/provider/tenants/${enc(id)}/${status === "suspended" ? "suspend" : "reactivate"}`, {
      body: { reason },
    }),
  /** Audited: the provider opens this organisation's view (then sends X-Voxflow-Tenant). */
  viewAs: (id: string) => request<Tenant>("POST", `/provider/tenants/${enc(id)}/view-as`),
  health: () => request<InstallationHealth>("GET", "/provider/health"),
};

export const catalogApi = {
  nodeTypes: () => request<NodeTypeEntry[]>("GET", "/node-types"),
};

export const flowsApi = {
  list: (search: string, cursor?: string | null, limit = 50) =>
    request<Page<FlowSummary>>("GET", "/flows", { query: { search, cursor, limit } }),
  get: (id: string) => request<Flow>("GET", `/flows/${enc(id)}`),
  create: (name: string, description = "", graph?: FlowGraph) =>
    request<Flow>("POST", "/flows", { body: { name, description, ...(graph ? { graph } : {}) } }),
  update: (id: string, patch: { name?: string; description?: string }) =>
    request<Flow>("PATCH", `/flows/${enc(id)}`, { body: patch }),
  remove: (id: string) => request<void>("DELETE", `/flows/${enc(id)}`),
  saveDraft: (id: string, graph: FlowGraph, revision: number) =>
    request<DraftSaved>("PUT", `/flows/${enc(id)}/draft`, { body: { graph, revision } }),
  publish: (id: string, note: string) => request<VersionSummary>("POST", `/flows/${enc(id)}/publish`, { body: { note } }),
  versions: (id: string) => request<Page<VersionSummary>>("GET", `/flows/${enc(id)}/versions`, { query: { limit: 200 } }),
  version: (id: string, version: number) => request<Version>("GET", `/flows/${enc(id)}/versions/${version}`),
  rollback: (id: string, version: number, note: string) =>
    request<VersionSummary>("POST", `/flows/${enc(id)}/versions/${version}/rollback`, { body: { note } }),
  diff: (id: string, from: number, to: number) =>
    request<GraphDiff>("GET", `/flows/${enc(id)}/diff`, { query: { from, to } }),
  duplicate: (id: string, name?: string) =>
    request<Flow>("POST", `/flows/${enc(id)}/duplicate`, { body: name ? { name } : {} }),
  exportFlow: (id: string) => request<FlowExport>("GET", `/flows/${enc(id)}/export`),
  importFlow: (file: FlowExport) => request<Flow>("POST", "/flows/import", { body: file }),
};

export const numbersApi = {
  list: (cursor?: string | null) => request<Page<PhoneNumber>>("GET", "/numbers", { query: { cursor, limit: 200 } }),
  create: (body: { number: string; kind: NumberKind; flow_id?: string | null; description?: string }) =>
    request<PhoneNumber>("POST", "/numbers", { body }),
  update: (id: string, patch: { flow_id?: string | null; description?: string }) =>
    request<PhoneNumber>("PATCH", `/numbers/${enc(id)}`, { body: patch }),
  remove: (id: string) => request<void>("DELETE", `/numbers/${enc(id)}`),
};

export const audioApi = {
  list: (cursor?: string | null) => request<Page<AudioAsset>>("GET", "/audio", { query: { cursor, limit: 200 } }),
  upload: (file: File, name: string) => {
    const form = new FormData();
    form.set("file", file);
    if (name) form.set("name", name);
    return request<AudioAsset>("POST", "/audio", { form });
  },
  remove: (id: string) => request<void>("DELETE", `/audio/${enc(id)}`),
  fileUrl: (id: string) => `/api/audio/${enc(id)}/file?variant=wav`,
};

export const simulatorApi = {
  start: (flowId: string, caller: string, variables: Record<string, string>) =>
    request<{ channel_id: string }>("POST", "/simulator/calls", { body: { flow_id: flowId, caller, variables } }),
  get: (channelId: string) => request<TestCall>("GET", `/simulator/calls/${enc(channelId)}`),
  press: (channelId: string, digits: string) =>
    request<void>("POST", `/simulator/calls/${enc(channelId)}/dtmf`, { body: { digits } }),
  hangUp: (channelId: string) => request<void>("POST", `/simulator/calls/${enc(channelId)}/hangup`),
  eventsUrl: (channelId: string) => {
    const { protocol, host } = window.location;
    return `${protocol === "https:" ? "wss" : "ws"}://${host}/api/simulator/calls/${enc(channelId)}/events`;
  },
};
