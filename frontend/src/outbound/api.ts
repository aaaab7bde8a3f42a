// Typed functions for the outbound API: contact lists, imports, do-not-call lists, campaigns.
import { request } from "../api/client";
import type { Page } from "../api/types";
import type {
  Attempt,
  Campaign,
  CampaignBody,
  CampaignContact,
  CampaignProgress,
  CampaignReport,
  CampaignState,
  ColumnMapping,
  Contact,
  ContactBody,
  ContactImport,
  ContactList,
  ContactStatus,
  DncEntry,
  DncImportResult,
  DncScope,
  ExportFormat,
  ExportJob,
  ImportPreview,
  ImportStartBody,
  ReportFilters,
  SavedMapping,
} from "./types";

const enc = encodeURIComponent;
export const PAGE = 50;

/** Where a file the API makes is downloaded from (GET; see download.ts). */
export const fileUrls = {
  listExport: (listId: string, format: ExportFormat) => `/api/contact-lists/${enc(listId)}/export?format=${format}`,
  importReport: (importId: string) => `/api/contact-imports/${enc(importId)}/report`,
  dncExport: (scope: DncScope, format: ExportFormat) => `/api${dncBase(scope)}/export?format=${format}`,
  campaignExport: (exportId: string) => `/api/campaign-exports/${enc(exportId)}/file`,
};

export const contactListsApi = {
  list: (search: string, cursor?: string | null, limit = PAGE) =>
    request<Page<ContactList>>("GET", "/contact-lists", { query: { search, cursor, limit } }),
  get: (id: string) => request<ContactList>("GET", `/contact-lists/${enc(id)}`),
  create: (body: { name: string; comment?: string }) => request<ContactList>("POST", "/contact-lists", { body }),
  update: (id: string, patch: { name?: string; comment?: string }) =>
    request<ContactList>("PATCH", `/contact-lists/${enc(id)}`, { body: patch }),
  remove: (id: string) => request<void>("DELETE", `/contact-lists/${enc(id)}`),

  contacts: (listId: string, search: string, cursor?: string | null, limit = PAGE) =>
    request<Page<Contact>>("GET", `/contact-lists/${enc(listId)}/contacts`, { query: { search, cursor, limit } }),
  addContact: (listId: string, body: ContactBody) =>
    request<Contact>("POST", `/contact-lists/${enc(listId)}/contacts`, { body }),
  updateContact: (listId: string, contactId: string, patch: Partial<ContactBody>) =>
    request<Contact>("PATCH", `/contact-lists/${enc(listId)}/contacts/${enc(contactId)}`, { body: patch }),
  removeContact: (listId: string, contactId: string) =>
    request<void>("DELETE", `/contact-lists/${enc(listId)}/contacts/${enc(contactId)}`),
};

export const importsApi = {
  /** The upload path (multipart `file`); upload.ts sends it with progress. */
  uploadPath: (listId: string) => `/api/contact-lists/${enc(listId)}/imports`,
  get: (id: string) => request<ContactImport>("GET", `/contact-imports/${enc(id)}`),
  preview: (id: string, sheet?: string | null) =>
    request<ImportPreview>("GET", `/contact-imports/${enc(id)}/preview`, { query: { sheet } }),
  start: (id: string, body: ImportStartBody) => request<ContactImport>("POST", `/contact-imports/${enc(id)}/start`, { body }),
  ofList: (listId: string, limit = 10) =>
    request<Page<ContactImport>>("GET", "/contact-imports", { query: { list_id: listId, limit } }),
  mappings: () => request<Page<SavedMapping>>("GET", "/contact-mappings", { query: { limit: 200 } }),
  saveMapping: (name: string, mapping: ColumnMapping) =>
    request<SavedMapping>("POST", "/contact-mappings", { body: { name, mapping } }),
  removeMapping: (id: string) => request<void>("DELETE", `/contact-mappings/${enc(id)}`),
};

const dncBase = (scope: DncScope) => (scope === "provider" ? "/provider/dnc" : "/dnc");

export const dncApi = {
  list: (scope: DncScope, search: string, cursor?: string | null, limit = PAGE) =>
    request<Page<DncEntry>>("GET", dncBase(scope), { query: { search, cursor, limit } }),
  add: (scope: DncScope, number: string, reason: string) =>
    request<DncEntry>("POST", dncBase(scope), { body: { number, reason } }),
  remove: (scope: DncScope, id: string) => request<void>("DELETE", `${dncBase(scope)}/${enc(id)}`),
  importFile: (scope: DncScope, file: File, reason: string) => {
    const form = new FormData();
    form.set("file", file);
    if (reason) form.set("reason", reason);
    return request<DncImportResult>("POST", `${dncBase(scope)}/import`, { form });
  },
};

export const campaignsApi = {
  list: (search: string, state: CampaignState | null, cursor?: string | null, limit = PAGE) =>
    request<Page<Campaign>>("GET", "/campaigns", { query: { search, state, cursor, limit } }),
  get: (id: string) => request<Campaign>("GET", `/campaigns/${enc(id)}`),
  create: (body: CampaignBody & { name: string; flow_id: string }) => request<Campaign>("POST", "/campaigns", { body }),
  update: (id: string, patch: CampaignBody) => request<Campaign>("PATCH", `/campaigns/${enc(id)}`, { body: patch }),
  remove: (id: string) => request<void>("DELETE", `/campaigns/${enc(id)}`),
  act: (id: string, action: CampaignAction) => request<Campaign>("POST", `/campaigns/${enc(id)}/${action}`),

  contacts: (id: string, filters: { status?: ContactStatus | null; search?: string }, cursor?: string | null, limit = 200) =>
    request<Page<CampaignContact>>("GET", `/campaigns/${enc(id)}/contacts`, {
      query: { status: filters.status, search: filters.search, cursor, limit },
    }),
  attempts: (id: string, contactId: string | null, cursor?: string | null, limit = PAGE) =>
    request<Page<Attempt>>("GET", `/campaigns/${enc(id)}/attempts`, { query: { contact_id: contactId, cursor, limit } }),
  callNow: (id: string, contactId: string) =>
    request<CampaignContact>("POST", `/campaigns/${enc(id)}/contacts/${enc(contactId)}/call-now`),

  progress: (id: string, signal?: AbortSignal) =>
    request<CampaignProgress>("GET", `/campaigns/${enc(id)}/progress`, { signal }),
  liveUrl: (id: string) => {
    const { protocol, host } = window.location;
    return `${protocol === "https:" ? "wss" : "ws"}://${host}/api/campaigns/${enc(id)}/live`;
  },

  startExport: (id: string, format: ExportFormat) =>
    request<ExportJob>("POST", `/campaigns/${enc(id)}/exports`, { body: { format } }),
  exportJob: (exportId: string) => request<ExportJob>("GET", `/campaign-exports/${enc(exportId)}`),

  report: (id: string, filters: ReportFilters, cursor?: string | null, limit = PAGE) =>
    request<CampaignReport>("GET", `/campaigns/${enc(id)}/report`, { query: { ...filters, cursor, limit } }),
};

export type CampaignAction = "start" | "pause" | "resume" | "cancel";
