// The one HTTP client: JSON in and out, the CSRF header on writes, the provider's tenant header,
// problem details turned into ApiError, and a hook for "the session is gone".
import { networkError, problemFromResponse, type ApiError } from "./problem";

const session = {
  csrf: null as string | null,
  /** A provider admin acts on a tenant by naming it (X-Voxflow-Tenant). */
  actingTenant: null as string | null,
};
const unauthorizedListeners = new Set<(error: ApiError) => void>();

/** Answers that mean the session is over: signed out (401), or the account or organisation refused. */
const SESSION_ENDED = new Set(["tenant.suspended", "auth.account_disabled"]);

export function setCsrfToken(token: string | null): void {
  session.csrf = token;
}

export function setActingTenant(tenantId: string | null): void {
  session.actingTenant = tenantId;
}

/** True when this error means the caller is no longer signed in. */
export function endsSession(error: ApiError): boolean {
  return error.status === 401 || SESSION_ENDED.has(error.code);
}

export function onUnauthorized(listener: (error: ApiError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function csrfToken(): string | null {
  if (session.csrf) return session.csrf;
  const match = document.cookie.match(/(?:^|;\s*)voxflow_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  query?: Query;
  signal?: AbortSignal;
}

function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return "/api" + path + (search ? "?" + search : "");
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers["X-CSRF-Token"] = token;
  }
  if (session.actingTenant) headers["X-Voxflow-Tenant"] = session.actingTenant;
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }
  if (!response.ok) {
    const error = await problemFromResponse(response);
    if (endsSession(error) && !path.startsWith("/auth/login")) {
      unauthorizedListeners.forEach((listener) => listener(error));
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}
