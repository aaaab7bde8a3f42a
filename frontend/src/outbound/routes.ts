/*
 * Outbound calling (автообзвон): contact lists, do-not-call lists, campaigns — everything the app needs to
 * wire these screens in. Nothing outside frontend/src/outbound/ imports them yet; three shared files take
 * them in, and the translations join the app's.
 *
 * Screens and addresses (wired in: router.ts parses them, navigation.ts lists them, App.tsx renders them)
 *   /contacts                 contactLists   lists with their sizes; create, rename, delete
 *   /contacts/:listId         contactList    contacts (search, add, edit, delete), export, upload wizard, imports
 *   /dnc                      dnc            the organisation's do-not-call list (стоп-лист)
 *   /provider/dnc             providerDnc    the provider's list for every organisation (provider console)
 *   /campaigns                campaigns      campaigns with state and progress; search, state filter
 *   /campaigns/new            campaignNew    the settings form, new
 *   /campaigns/:id            campaign       the live page: commands, progress, contacts grid, report, settings
 *   /campaigns/:id/edit       campaignEdit   the settings form, existing
 *
 * Who may: reading needs campaigns.read; /campaigns/new and …/edit campaigns.write (OUTBOUND_ACCESS). Inside
 * the screens, edit buttons show only when session.can() allows: contacts.write for lists, contacts and the
 * organisation's do-not-call list; campaigns.write for campaigns; reports.read for a campaign's report tab
 * and results export (the API's guards). The provider's list is the provider's.
 *
 * 1. router.ts
 *      import { parseOutboundRoute, type OutboundRoute } from "./outbound/routes";
 *      export type Route = | …the app's routes… | OutboundRoute | { name: "notFound" };
 *      // in parseRoute(), just before `return { name: "notFound" }`:
 *      const outbound = parseOutboundRoute(path);
 *      if (outbound) return outbound;
 *    (outboundPaths / outboundPath(route) build the addresses; spread outboundPaths into `paths` if wanted.)
 *
 * 2. navigation.ts
 *      import { OUTBOUND_ACCESS, OUTBOUND_PROVIDER_NAV, OUTBOUND_TENANT_NAV } from "./outbound/routes";
 *      export const ACCESS: Record<RouteName, Access> = { …, ...OUTBOUND_ACCESS };
 *      TENANT_NAV:   OUTBOUND_TENANT_NAV after the "audio" link (a menu: campaigns, contact lists, do-not-call)
 *      PROVIDER_NAV: OUTBOUND_PROVIDER_NAV after "providerTenants"
 *    The entries have navigation.ts's NavLink/NavGroup shape (plus `permission`, for information); verdict()
 *    filters them by ACCESS as it does the others. navigation.test.ts's expected nav shapes gain
 *    "outbound:campaigns,contactLists,dnc" (admin and manager: campaigns.read) and "providerDnc".
 *
 * 3. App.tsx, in Screens(), after the access verdict and before the switch:
 *      import { isOutboundRoute, OutboundScreen } from "./outbound/routes";
 *      if (isOutboundRoute(route)) return <OutboundScreen route={route} />;
 *    OutboundScreen loads the screens' code on first use (its own Suspense with a loader inside).
 *
 * 4. AppHeader.tsx needs no code: it labels entries t(`nav.${key}`). Add to the `nav` section of ru.json /
 *    en.json the keys outbound, campaigns, contactLists, dnc, providerDnc — the texts are in
 *    i18n.ru.json / i18n.en.json under outbound.nav.
 *
 * 5. Translations: merge the top-level "outbound" of i18n.ru.json / i18n.en.json into ru.json / en.json (same
 *    keys in both; i18n.test.ts here checks that and that every t("outbound.…") the code asks for exists).
 *    Until then i18n.ts adds them to i18next at run time (without overwriting), so the screens work as they
 *    are; after the merge that is harmless, and can go.
 *
 * API: api.ts (endpoint functions over ../api/client request()), queries.ts (TanStack Query hooks; tenant
 * keys under ["tenant", tenant, "outbound", …]), live.ts (the campaign page's WebSocket /api/campaigns/:id/live
 * with polling of /progress every 2 s as the fallback; a provider admin viewing an organisation always polls,
 * as a browser socket cannot send X-Voxflow-Tenant), transfer.ts (the 100 MB upload with progress, and
 * downloads, both with the CSRF and X-Voxflow-Tenant headers request() sends).
 */
import { Loader } from "@mantine/core";
import { createElement, lazy, Suspense } from "react";
import type { OutboundRoute } from "./paths";

export {
  isOutboundRoute,
  OUTBOUND_ACCESS,
  OUTBOUND_PROVIDER_NAV,
  OUTBOUND_ROUTE_NAMES,
  OUTBOUND_TENANT_NAV,
  outboundPath,
  outboundPaths,
  parseOutboundRoute,
  PERMISSIONS as OUTBOUND_PERMISSIONS,
  type OutboundAccess,
  type OutboundNavLink,
  type OutboundRoute,
  type OutboundRouteName,
} from "./paths";

const Screen = lazy(() => import("./OutboundScreen").then((module) => ({ default: module.OutboundScreen })));

const loading = () =>
  createElement("div", { style: { display: "flex", justifyContent: "center", padding: 96 } }, createElement(Loader, { size: "sm" }));

/** The screen of an outbound route; its code loads the first time one is opened. */
export function OutboundScreen({ route }: { route: OutboundRoute }) {
  return createElement(Suspense, { fallback: loading() }, createElement(Screen, { route }));
}
