// Server state of the outbound screens (TanStack Query). Tenant data lives under ["tenant", tenant,
// "outbound", …] so the app's useInvalidateTenant(tenant, "outbound") refreshes all of it; the provider's
// do-not-call list under ["provider", "dnc", …].
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Page } from "../api/types";
import { campaignsApi, contactListsApi, dncApi, importsApi } from "./api";
import { OPEN_IMPORT_STATES, type CampaignState, type ContactStatus, type DncScope, type ExportJob, type ReportFilters } from "./types";

const base = (tenant: string | null) => ["tenant", tenant, "outbound"] as const;

export const outboundKeys = {
  all: base,
  contactLists: (tenant: string | null, search = "") => [...base(tenant), "contactLists", search] as const,
  allContactLists: (tenant: string | null) => [...base(tenant), "contactLists", "all"] as const,
  contactList: (tenant: string | null, id: string) => [...base(tenant), "contactList", id] as const,
  contacts: (tenant: string | null, listId: string, search = "") => [...base(tenant), "contactList", listId, "contacts", search] as const,
  imports: (tenant: string | null, listId: string) => [...base(tenant), "contactList", listId, "imports"] as const,
  importJob: (tenant: string | null, id: string) => [...base(tenant), "import", id] as const,
  mappings: (tenant: string | null) => [...base(tenant), "mappings"] as const,
  dnc: (scope: DncScope, tenant: string | null, search = "") =>
    scope === "provider" ? (["provider", "dnc", search] as const) : ([...base(tenant), "dnc", search] as const),
  campaigns: (tenant: string | null, search = "", state: CampaignState | null = null) =>
    [...base(tenant), "campaigns", search, state] as const,
  campaign: (tenant: string | null, id: string) => [...base(tenant), "campaign", id] as const,
  campaignContacts: (tenant: string | null, id: string, status: ContactStatus | null, search: string) =>
    [...base(tenant), "campaign", id, "contacts", status, search] as const,
  contactAttempts: (tenant: string | null, id: string, contactId: string) => [...base(tenant), "campaign", id, "attempts", contactId] as const,
  report: (tenant: string | null, id: string, filters: ReportFilters) => [...base(tenant), "campaign", id, "report", filters] as const,
  exportJob: (tenant: string | null, id: string) => [...base(tenant), "export", id] as const,
};

function usePaged<T>(queryKey: readonly unknown[], fetchPage: (cursor: string | null) => Promise<Page<T>>, options: { enabled?: boolean; refetchInterval?: number | false } = {}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval,
    placeholderData: (previous) => previous,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { ...query, items };
}

// Contact lists

export const useContactLists = (tenant: string | null, search: string) =>
  usePaged(outboundKeys.contactLists(tenant, search), (cursor) => contactListsApi.list(search, cursor));

/** Every list (for the campaign form's picker): the first 200. */
export function useAllContactLists(tenant: string | null, enabled = true) {
  return useQuery({
    queryKey: outboundKeys.allContactLists(tenant),
    queryFn: async () => (await contactListsApi.list("", null, 200)).items,
    staleTime: 30_000,
    enabled,
  });
}

export const useContactList = (tenant: string | null, id: string) =>
  useQuery({ queryKey: outboundKeys.contactList(tenant, id), queryFn: () => contactListsApi.get(id) });

export const useContacts = (tenant: string | null, listId: string, search: string) =>
  usePaged(outboundKeys.contacts(tenant, listId, search), (cursor) => contactListsApi.contacts(listId, search, cursor));

/** A list's latest imports; polled while one is under way. */
export function useListImports(tenant: string | null, listId: string) {
  return useQuery({
    queryKey: outboundKeys.imports(tenant, listId),
    queryFn: async () => (await importsApi.ofList(listId)).items,
    refetchInterval: (query) => (query.state.data?.some((job) => OPEN_IMPORT_STATES.includes(job.state)) ? 2000 : false),
  });
}

/** One import, polled every second until it has finished. */
export function useImportJob(tenant: string | null, id: string | null) {
  return useQuery({
    queryKey: outboundKeys.importJob(tenant, id ?? ""),
    queryFn: () => importsApi.get(id ?? ""),
    enabled: id !== null,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === "completed" || state === "failed" ? false : 1000;
    },
  });
}

export const useSavedMappings = (tenant: string | null) =>
  useQuery({ queryKey: outboundKeys.mappings(tenant), queryFn: async () => (await importsApi.mappings()).items, staleTime: 30_000 });

// Do-not-call lists

export const useDnc = (scope: DncScope, tenant: string | null, search: string) =>
  usePaged(outboundKeys.dnc(scope, tenant, search), (cursor) => dncApi.list(scope, search, cursor));

// Campaigns

export const useCampaigns = (tenant: string | null, search: string, state: CampaignState | null) =>
  usePaged(outboundKeys.campaigns(tenant, search, state), (cursor) => campaignsApi.list(search, state, cursor), {
    refetchInterval: 10_000,
  });

export const useCampaign = (tenant: string | null, id: string) =>
  useQuery({
    queryKey: outboundKeys.campaign(tenant, id),
    queryFn: () => campaignsApi.get(id),
    // While a large campaign's contacts are copied, its start shows progress.
    refetchInterval: (query) => (["queued", "running"].includes(query.state.data?.starting?.state ?? "") ? 1000 : false),
  });

/** A campaign's contacts (200 a page), refreshed while it runs. */
export const useCampaignContacts = (tenant: string | null, id: string, status: ContactStatus | null, search: string, live: boolean) =>
  usePaged(
    outboundKeys.campaignContacts(tenant, id, status, search),
    (cursor) => campaignsApi.contacts(id, { status, search }, cursor),
    { refetchInterval: live ? 5000 : false },
  );

export const useContactAttempts = (tenant: string | null, id: string, contactId: string | null) =>
  useQuery({
    queryKey: outboundKeys.contactAttempts(tenant, id, contactId ?? ""),
    queryFn: async () => (await campaignsApi.attempts(id, contactId, null, 200)).items,
    enabled: contactId !== null,
  });

/** The report: counts by outcome (of the first page's answer) and the attempts, paged. */
export function useCampaignReport(tenant: string | null, id: string, filters: ReportFilters) {
  const query = useInfiniteQuery({
    queryKey: outboundKeys.report(tenant, id, filters),
    queryFn: ({ pageParam }) => campaignsApi.report(id, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.attempts.next_cursor,
    placeholderData: (previous) => previous,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.attempts.items) ?? [], [query.data]);
  const counts = query.data?.pages[0]?.counts_by_outcome ?? null;
  return { ...query, items, counts };
}

/** A results export, polled every second until the file is ready (or the export failed). */
export function useExportJob(tenant: string | null, initial: ExportJob | null) {
  return useQuery({
    queryKey: outboundKeys.exportJob(tenant, initial?.id ?? ""),
    queryFn: () => campaignsApi.exportJob(initial?.id ?? ""),
    enabled: initial !== null,
    initialData: initial ?? undefined,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === "completed" || state === "failed" ? false : 1000;
    },
  });
}

/** Invalidate outbound data of the current organisation (or the provider's list). */
export function useInvalidateOutbound() {
  const client = useQueryClient();
  return (tenant: string | null, ...rest: string[]) => client.invalidateQueries({ queryKey: [...base(tenant), ...rest] });
}
