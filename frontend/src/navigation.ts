// Who may open which screen, and the navigation each viewer sees. The API refuses anyway: this only
// keeps people from being shown what their role cannot use.
import { OUTBOUND_ACCESS, OUTBOUND_PROVIDER_NAV, OUTBOUND_TENANT_NAV } from "./outbound/routes";
import { paths, type RouteName } from "./router";

/** Tenant screens need an organisation (a provider admin's is the one they view as); provider screens
 * need the provider's role; the rest (profile, home) are everybody's. */
export type Area = "tenant" | "provider" | "any";

export interface Access {
  area: Area;
  permission?: string;
}

export const ACCESS: Record<RouteName, Access> = {
  home: { area: "any" },
  notFound: { area: "any" },
  profile: { area: "any" },
  flows: { area: "tenant", permission: "flows.read" },
  editor: { area: "tenant", permission: "flows.read" },
  numbers: { area: "tenant", permission: "flows.read" },
  audio: { area: "tenant", permission: "flows.read" },
  users: { area: "tenant", permission: "users.manage" },
  apiKeys: { area: "tenant", permission: "api_keys.manage" },
  audit: { area: "tenant", permission: "audit.read" },
  settings: { area: "tenant", permission: "tenant.settings" },
  providerTenants: { area: "provider" },
  providerTenant: { area: "provider" },
  providerAudit: { area: "provider" },
  providerHealth: { area: "provider" },
  ...OUTBOUND_ACCESS,
};

export interface Viewer {
  isProvider: boolean;
  /** The organisation tenant screens are about: the user's own, or the one a provider admin views as. */
  tenantId: string | null;
  permissions: readonly string[];
}

/** "chooseTenant": a provider admin opened a tenant screen without viewing an organisation. */
export type Verdict = "ok" | "chooseTenant" | "forbidden";

export function verdict(route: RouteName, viewer: Viewer): Verdict {
  const rule = ACCESS[route];
  if (rule.area === "provider") return viewer.isProvider ? "ok" : "forbidden";
  if (rule.area === "tenant") {
    if (!viewer.tenantId) return viewer.isProvider ? "chooseTenant" : "forbidden";
    if (rule.permission && !viewer.permissions.includes(rule.permission)) return "forbidden";
  }
  return "ok";
}

export interface NavLink {
  key: string;
  route: RouteName;
  href: string;
  /** The routes that light this entry up. */
  match: RouteName[];
}

export interface NavGroup {
  key: string;
  items: NavLink[];
}

export type NavEntry = NavLink | NavGroup;

export const isGroup = (entry: NavEntry): entry is NavGroup => "items" in entry;

const link = (key: string, route: RouteName, href: string, match: RouteName[] = [route]): NavLink => ({ key, route, href, match });

/** An organisation's sections; administration is one menu. */
export const TENANT_NAV: NavEntry[] = [
  link("flows", "flows", paths.flows(), ["flows", "editor"]),
  link("numbers", "numbers", paths.numbers()),
  link("audio", "audio", paths.audio()),
  OUTBOUND_TENANT_NAV,
  {
    key: "admin",
    items: [
      link("users", "users", paths.users()),
      link("apiKeys", "apiKeys", paths.apiKeys()),
      link("audit", "audit", paths.audit()),
      link("settings", "settings", paths.settings()),
    ],
  },
];

/** The provider's console, shown while not viewing an organisation. */
export const PROVIDER_NAV: NavEntry[] = [
  link("providerTenants", "providerTenants", paths.providerTenants(), ["providerTenants", "providerTenant"]),
  OUTBOUND_PROVIDER_NAV,
  link("providerAudit", "providerAudit", paths.providerAudit()),
  link("providerHealth", "providerHealth", paths.providerHealth()),
];

function allowed(entries: NavEntry[], viewer: Viewer): NavEntry[] {
  return entries.flatMap((entry): NavEntry[] => {
    if (!isGroup(entry)) return verdict(entry.route, viewer) === "ok" ? [entry] : [];
    const items = entry.items.filter((item) => verdict(item.route, viewer) === "ok");
    return items.length ? [{ ...entry, items }] : [];
  });
}

/** What the header offers this viewer: the provider's console, or the organisation's sections. */
export function navFor(viewer: Viewer): NavEntry[] {
  return allowed(viewer.isProvider && !viewer.tenantId ? PROVIDER_NAV : TENANT_NAV, viewer);
}

/** Where "/" leads: the first section this viewer may use, else their profile. */
export function homePath(viewer: Viewer): string {
  const first = navFor(viewer)[0];
  if (!first) return paths.profile();
  return isGroup(first) ? first.items[0].href : first.href;
}

export function isActive(entry: NavEntry, route: RouteName): boolean {
  return isGroup(entry) ? entry.items.some((item) => item.match.includes(route)) : entry.match.includes(route);
}
