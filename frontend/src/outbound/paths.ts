// The outbound screens' addresses, who may open them and their navigation entries: plain data and
// functions (paths.test.ts) for router.ts, navigation.ts and AppHeader.tsx to take in (see routes.ts).

export type OutboundRoute =
  | { name: "contactLists" }
  | { name: "contactList"; listId: string }
  | { name: "dnc" }
  | { name: "providerDnc" }
  | { name: "campaigns" }
  | { name: "campaignNew" }
  | { name: "campaign"; campaignId: string }
  | { name: "campaignEdit"; campaignId: string };

export type OutboundRouteName = OutboundRoute["name"];

export const OUTBOUND_ROUTE_NAMES: readonly OutboundRouteName[] = [
  "contactLists", "contactList", "dnc", "providerDnc", "campaigns", "campaignNew", "campaign", "campaignEdit",
];

export const PERMISSIONS = {
  /** Seeing campaigns, contact lists and the organisation's do-not-call list. */
  read: "campaigns.read",
  /** Lists, contacts, imports and the do-not-call list. */
  contactsWrite: "contacts.write",
  /** Creating, changing, starting, pausing and cancelling campaigns. */
  campaignsWrite: "campaigns.write",
  /** A campaign's report and results export. */
  reports: "reports.read",
} as const;

/** The same shape as navigation.ts's Access: tenant screens need an organisation, provider ones the role. */
export interface OutboundAccess {
  area: "tenant" | "provider";
  permission?: string;
}

export const OUTBOUND_ACCESS: Record<OutboundRouteName, OutboundAccess> = {
  contactLists: { area: "tenant", permission: PERMISSIONS.read },
  contactList: { area: "tenant", permission: PERMISSIONS.read },
  dnc: { area: "tenant", permission: PERMISSIONS.read },
  providerDnc: { area: "provider" },
  campaigns: { area: "tenant", permission: PERMISSIONS.read },
  campaignNew: { area: "tenant", permission: PERMISSIONS.campaignsWrite },
  campaign: { area: "tenant", permission: PERMISSIONS.read },
  campaignEdit: { area: "tenant", permission: PERMISSIONS.campaignsWrite },
};

const enc = encodeURIComponent;

export const outboundPaths = {
  contactLists: () => "/contacts",
  contactList: (listId: string) => `/contacts/${enc(listId)}`,
  dnc: () => "/dnc",
  providerDnc: () => "/provider/dnc",
  campaigns: () => "/campaigns",
  campaignNew: () => "/campaigns/new",
  campaign: (campaignId: string) => `/campaigns/${enc(campaignId)}`,
  campaignEdit: (campaignId: string) => `/campaigns/${enc(campaignId)}/edit`,
};

/** The address of a route (the inverse of parseOutboundRoute). */
export function outboundPath(route: OutboundRoute): string {
  switch (route.name) {
    case "contactList":
      return outboundPaths.contactList(route.listId);
    case "campaign":
      return outboundPaths.campaign(route.campaignId);
    case "campaignEdit":
      return outboundPaths.campaignEdit(route.campaignId);
    default:
      return outboundPaths[route.name]();
  }
}

const FIXED: Record<string, OutboundRouteName> = {
  "/contacts": "contactLists",
  "/dnc": "dnc",
  "/provider/dnc": "providerDnc",
  "/campaigns": "campaigns",
  "/campaigns/new": "campaignNew",
};

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The outbound screen at this address, or null when the address is not one of them. */
export function parseOutboundRoute(pathname: string): OutboundRoute | null {
  const path = pathname.replace(/\/+$/, "") || "/";
  const fixed = FIXED[path];
  if (fixed) return { name: fixed } as OutboundRoute;
  let match = path.match(/^\/contacts\/([^/]+)$/);
  if (match) {
    const listId = decode(match[1]);
    return listId ? { name: "contactList", listId } : null;
  }
  match = path.match(/^\/campaigns\/([^/]+)(\/edit)?$/);
  if (match) {
    const campaignId = decode(match[1]);
    if (!campaignId) return null;
    return match[2] ? { name: "campaignEdit", campaignId } : { name: "campaign", campaignId };
  }
  return null;
}

export function isOutboundRoute(route: { name: string }): route is OutboundRoute {
  return (OUTBOUND_ROUTE_NAMES as readonly string[]).includes(route.name);
}

/** A navigation entry, shaped as navigation.ts's NavLink (its label: t(`nav.${key}`)). */
export interface OutboundNavLink {
  key: string;
  route: OutboundRouteName;
  href: string;
  /** The routes that light this entry up. */
  match: OutboundRouteName[];
  /** What the viewer needs to see the entry (also in OUTBOUND_ACCESS). */
  permission?: string;
}

const link = (key: string, route: OutboundRouteName, match: OutboundRouteName[]): OutboundNavLink => ({
  key,
  route,
  href: outboundPath({ name: route } as OutboundRoute),
  match,
  permission: OUTBOUND_ACCESS[route].permission,
});

/** The organisation's outbound section: one menu (NavGroup) "Автообзвон" in TENANT_NAV. */
export const OUTBOUND_TENANT_NAV = {
  key: "outbound",
  items: [
    link("campaigns", "campaigns", ["campaigns", "campaignNew", "campaign", "campaignEdit"]),
    link("contactLists", "contactLists", ["contactLists", "contactList"]),
    link("dnc", "dnc", ["dnc"]),
  ],
};

/** The provider's installation-wide do-not-call list: one more link in PROVIDER_NAV. */
export const OUTBOUND_PROVIDER_NAV: OutboundNavLink = link("providerDnc", "providerDnc", ["providerDnc"]);
