// Server state: query keys and hooks (TanStack Query). Screens call these, never fetch directly.
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { buildCatalogIndex } from "../catalog/catalogIndex";
import { apiKeysApi, auditApi, audioApi, authApi, catalogApi, flowsApi, numbersApi, providerApi, tenantApi, usersApi } from "./endpoints";
import { endsSession } from "./client";
import { takeEarly } from "./early";
import { isApiError } from "./problem";
import type { AuditFilters, Page, TenantStatus } from "./types";

export const keys = {
  me: ["me"] as const,
  catalog: ["catalog"] as const,
  flows: (tenant: string | null, search = "") => ["tenant", tenant, "flows", search] as const,
  allFlows: (tenant: string | null) => ["tenant", tenant, "flows", "all"] as const,
  flow: (tenant: string | null, id: string) => ["tenant", tenant, "flow", id] as const,
  versions: (tenant: string | null, id: string) => ["tenant", tenant, "flow", id, "versions"] as const,
  view: (tenant: string | null, id: string, view: unknown) => ["tenant", tenant, "flow", id, "view", view] as const,
  numbers: (tenant: string | null) => ["tenant", tenant, "numbers"] as const,
  audio: (tenant: string | null) => ["tenant", tenant, "audio"] as const,
  users: (tenant: string | null, search = "") => ["tenant", tenant, "users", search] as const,
  apiKeys: (tenant: string | null) => ["tenant", tenant, "apiKeys"] as const,
  audit: (tenant: string | null, filters: AuditFilters) => ["tenant", tenant, "audit", filters] as const,
  tenantSettings: (tenant: string | null) => ["tenant", tenant, "settings"] as const,
  providerTenants: (search = "", status: TenantStatus | null = null) => ["provider", "tenants", search, status] as const,
  providerTenant: (id: string) => ["provider", "tenant", id] as const,
  providerAudit: (filters: AuditFilters) => ["provider", "audit", filters] as const,
  providerHealth: ["provider", "health"] as const,
};

/** The signed-in caller, or null when nobody is (401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await authApi.me();
      } catch (error) {
        if (isApiError(error) && endsSession(error)) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}

/** The node catalog with everything derived from it, built once per load. */
export function useCatalog() {
  return useQuery({
    queryKey: keys.catalog,
    queryFn: async () => buildCatalogIndex(await takeEarly("catalog", catalogApi.nodeTypes)),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** A flow with its draft; the editor keeps its own copy of the graph once loaded. */
export function useFlow(tenant: string | null, id: string | null) {
  return useQuery({
    queryKey: keys.flow(tenant, id ?? ""),
    queryFn: () => takeEarly(`flow:${id}`, () => flowsApi.get(id ?? "")),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

function usePaged<T>(queryKey: readonly unknown[], fetchPage: (cursor: string | null) => Promise<Page<T>>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { ...query, items };
}

export const useFlowList = (tenant: string | null, search: string) =>
  usePaged(keys.flows(tenant, search), (cursor) => flowsApi.list(search, cursor));
export const useNumbers = (tenant: string | null) => usePaged(keys.numbers(tenant), (cursor) => numbersApi.list(cursor));
export const useAudio = (tenant: string | null, enabled = true) =>
  usePaged(keys.audio(tenant), (cursor) => audioApi.list(cursor), enabled);

/** Every flow (for pickers): the first page of 200 is plenty for a picker's search. */
export function useAllFlows(tenant: string | null, enabled = true) {
  return useQuery({
    queryKey: keys.allFlows(tenant),
    queryFn: async () => (await flowsApi.list("", null, 200)).items,
    staleTime: 30_000,
    enabled,
  });
}

export const useUsers = (tenant: string | null, search = "") =>
  usePaged(keys.users(tenant, search), (cursor) => usersApi.list(search, cursor));
export const useApiKeys = (tenant: string | null) => usePaged(keys.apiKeys(tenant), (cursor) => apiKeysApi.list(cursor));

/** The organisation's log (its admins), or the installation's (the provider), filtered. */
export function useAuditLog(scope: "tenant" | "provider", tenant: string | null, filters: AuditFilters) {
  const key = scope === "tenant" ? keys.audit(tenant, filters) : keys.providerAudit(filters);
  return usePaged(key, (cursor) => auditApi.list(scope, filters, cursor));
}

/** People and keys of the organisation, for pickers (the first 200 of each). */
export function useActors(tenant: string | null, enabled = true) {
  return useQuery({
    queryKey: ["tenant", tenant, "actors"],
    queryFn: async () => {
      const [users, apiKeys] = await Promise.all([usersApi.list("", null, 200), apiKeysApi.list(null, 200)]);
      return { users: users.items, apiKeys: apiKeys.items };
    },
    staleTime: 30_000,
    enabled,
  });
}

export const useTenantSettings = (tenant: string | null) =>
  useQuery({ queryKey: keys.tenantSettings(tenant), queryFn: tenantApi.get, enabled: tenant !== null });

export const useProviderTenants = (search: string, status: TenantStatus | null) =>
  usePaged(keys.providerTenants(search, status), (cursor) => providerApi.tenants(search, status, cursor));

/** Every organisation (for pickers): the first 200. */
export function useAllTenants(enabled = true) {
  return useQuery({
    queryKey: ["provider", "tenants", "all"],
    queryFn: async () => (await providerApi.tenants("", null, null, 200)).items,
    staleTime: 30_000,
    enabled,
  });
}

export function useProviderTenant(id: string | null) {
  return useQuery({ queryKey: keys.providerTenant(id ?? ""), queryFn: () => providerApi.tenant(id ?? ""), enabled: id !== null });
}

export function useInstallationHealth() {
  return useQuery({ queryKey: keys.providerHealth, queryFn: providerApi.health, refetchInterval: 10_000 });
}

/** Invalidate the provider's views of organisations (after a change to one). */
export function useInvalidateProvider() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["provider"] });
}

/** Invalidate everything of the current tenant (after a write that lists show). */
export function useInvalidateTenant() {
  const client = useQueryClient();
  return (tenant: string | null, ...rest: string[]) => client.invalidateQueries({ queryKey: ["tenant", tenant, ...rest] });
}
