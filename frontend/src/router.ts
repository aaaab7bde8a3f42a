// A small history router: the few screens of the app and links between them.
import { useSyncExternalStore } from "react";
import { parseOutboundRoute, type OutboundRoute } from "./outbound/routes";

export type Route =
  | { name: "home" }
  | { name: "flows" }
  | { name: "editor"; flowId: string }
  | { name: "numbers" }
  | { name: "audio" }
  | { name: "users" }
  | { name: "apiKeys" }
  | { name: "audit" }
  | { name: "settings" }
  | { name: "profile" }
  | { name: "providerTenants" }
  | { name: "providerTenant"; tenantId: string }
  | { name: "providerAudit" }
  | { name: "providerHealth" }
  | OutboundRoute
  | { name: "notFound" };

export type RouteName = Route["name"];

/** Addresses without parameters, by route. */
const FIXED: Record<string, RouteName> = {
  "/": "home",
  "/flows": "flows",
  "/numbers": "numbers",
  "/audio": "audio",
  "/admin/users": "users",
  "/admin/api-keys": "apiKeys",
  "/admin/audit": "audit",
  "/admin/settings": "settings",
  "/profile": "profile",
  "/provider/tenants": "providerTenants",
  "/provider/audit": "providerAudit",
  "/provider/health": "providerHealth",
};

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  const fixed = FIXED[path];
  if (fixed) return { name: fixed } as Route;
  const editor = path.match(/^\/flows\/([^/]+)$/);
  if (editor) return { name: "editor", flowId: decodeURIComponent(editor[1]) };
  const tenant = path.match(/^\/provider\/tenants\/([^/]+)$/);
  if (tenant) return { name: "providerTenant", tenantId: decodeURIComponent(tenant[1]) };
  return parseOutboundRoute(path) ?? { name: "notFound" };
}

export const paths = {
  home: () => "/",
  flows: () => "/flows",
  editor: (flowId: string) => `/flows/${encodeURIComponent(flowId)}`,
  numbers: () => "/numbers",
  audio: () => "/audio",
  users: () => "/admin/users",
  apiKeys: () => "/admin/api-keys",
  audit: () => "/admin/audit",
  settings: () => "/admin/settings",
  profile: () => "/profile",
  providerTenants: () => "/provider/tenants",
  providerTenant: (tenantId: string) => `/provider/tenants/${encodeURIComponent(tenantId)}`,
  providerAudit: () => "/provider/audit",
  providerHealth: () => "/provider/health",
};

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
// (no window under the unit tests, which only parse routes)
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}
