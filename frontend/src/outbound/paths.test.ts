import { describe, expect, it } from "vitest";
import {
  isOutboundRoute,
  OUTBOUND_ACCESS,
  OUTBOUND_PROVIDER_NAV,
  OUTBOUND_ROUTE_NAMES,
  OUTBOUND_TENANT_NAV,
  outboundPath,
  outboundPaths,
  parseOutboundRoute,
  type OutboundRoute,
} from "./paths";

describe("outbound routes", () => {
  it("parse every screen's address", () => {
    expect(parseOutboundRoute("/contacts")).toEqual({ name: "contactLists" });
    expect(parseOutboundRoute("/contacts/abc/")).toEqual({ name: "contactList", listId: "abc" });
    expect(parseOutboundRoute("/dnc")).toEqual({ name: "dnc" });
    expect(parseOutboundRoute("/provider/dnc")).toEqual({ name: "providerDnc" });
    expect(parseOutboundRoute("/campaigns")).toEqual({ name: "campaigns" });
    expect(parseOutboundRoute("/campaigns/new")).toEqual({ name: "campaignNew" });
    expect(parseOutboundRoute("/campaigns/c1")).toEqual({ name: "campaign", campaignId: "c1" });
    expect(parseOutboundRoute("/campaigns/c1/edit")).toEqual({ name: "campaignEdit", campaignId: "c1" });
  });

  it("leave other addresses to the app's router", () => {
    for (const path of ["/", "/flows", "/provider/tenants", "/campaigns/c1/other", "/contacts/a/b", "/dncx", "/contacts/%E0%A4%A"]) {
      expect(parseOutboundRoute(path)).toBeNull();
    }
  });

  it("build the addresses they parse", () => {
    const routes: OutboundRoute[] = [
      { name: "contactLists" },
      { name: "contactList", listId: "a b/c" },
      { name: "dnc" },
      { name: "providerDnc" },
      { name: "campaigns" },
      { name: "campaignNew" },
      { name: "campaign", campaignId: "6650f0c2a1b2c3d4e5f60718" },
      { name: "campaignEdit", campaignId: "x/y" },
    ];
    for (const route of routes) expect(parseOutboundRoute(outboundPath(route))).toEqual(route);
    expect(outboundPaths.contactList("a b/c")).toBe("/contacts/a%20b%2Fc");
  });

  it("tell their routes from the app's", () => {
    expect(isOutboundRoute({ name: "campaign" })).toBe(true);
    expect(isOutboundRoute({ name: "flows" })).toBe(false);
  });
});

describe("outbound access and navigation", () => {
  it("has a rule for every route: reading needs campaigns.read, editing campaigns campaigns.write", () => {
    expect(Object.keys(OUTBOUND_ACCESS).sort()).toEqual([...OUTBOUND_ROUTE_NAMES].sort());
    expect(OUTBOUND_ACCESS.campaigns).toEqual({ area: "tenant", permission: "campaigns.read" });
    expect(OUTBOUND_ACCESS.campaignEdit.permission).toBe("campaigns.write");
    expect(OUTBOUND_ACCESS.providerDnc).toEqual({ area: "provider" });
  });

  it("offers campaigns, lists and the do-not-call list to an organisation, the shared list to the provider", () => {
    expect(OUTBOUND_TENANT_NAV.items.map((item) => [item.key, item.href, item.permission])).toEqual([
      ["campaigns", "/campaigns", "campaigns.read"],
      ["contactLists", "/contacts", "campaigns.read"],
      ["dnc", "/dnc", "campaigns.read"],
    ]);
    expect(OUTBOUND_TENANT_NAV.items[0].match).toContain("campaignEdit");
    expect(OUTBOUND_PROVIDER_NAV).toMatchObject({ key: "providerDnc", href: "/provider/dnc", route: "providerDnc" });
  });
});
