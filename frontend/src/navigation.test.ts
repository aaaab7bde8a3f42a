import { describe, expect, it } from "vitest";
import { homePath, isGroup, navFor, verdict, type NavEntry, type Viewer } from "./navigation";

const ALL = [
  "tenant.settings", "users.manage", "api_keys.manage", "audit.read", "flows.read", "flows.write", "numbers.manage",
  "audio.write", "contacts.write", "campaigns.read", "campaigns.write", "monitoring.read", "history.read",
  "reports.read", "calls.handle",
];
const admin: Viewer = { isProvider: false, tenantId: "t1", permissions: ALL };
const manager: Viewer = {
  isProvider: false, tenantId: "t1",
  permissions: ["campaigns.read", "flows.read", "history.read", "monitoring.read", "reports.read"],
};
const agent: Viewer = { isProvider: false, tenantId: "t1", permissions: ["calls.handle"] };
const provider: Viewer = { isProvider: true, tenantId: null, permissions: ALL };
const viewingAs: Viewer = { ...provider, tenantId: "t1" };

/** Entry keys, groups as "group:item,item". */
const shape = (entries: NavEntry[]) =>
  entries.map((entry) => (isGroup(entry) ? `${entry.key}:${entry.items.map((item) => item.key).join(",")}` : entry.key));

describe("navigation", () => {
  it("shows an admin the organisation's sections and every administration screen", () => {
    expect(shape(navFor(admin))).toEqual(["flows", "numbers", "audio", "outbound:campaigns,contactLists,dnc",
                                          "admin:users,apiKeys,audit,settings"]);
  });

  it("hides administration from a manager, everything from an agent", () => {
    expect(shape(navFor(manager))).toEqual(["flows", "numbers", "audio", "outbound:campaigns,contactLists,dnc"]);
    expect(shape(navFor(agent))).toEqual([]);
  });

  it("shows the provider's console until the provider views an organisation", () => {
    expect(shape(navFor(provider))).toEqual(["providerTenants", "providerDnc", "providerAudit", "providerHealth"]);
    expect(shape(navFor(viewingAs))).toEqual(shape(navFor(admin)));
  });

  it("refuses screens the role may not use, even by address", () => {
    expect(verdict("users", manager)).toBe("forbidden");
    expect(verdict("settings", manager)).toBe("forbidden");
    expect(verdict("flows", agent)).toBe("forbidden");
    expect(verdict("providerTenants", admin)).toBe("forbidden");
    expect(verdict("providerTenant", provider)).toBe("ok");
    expect(verdict("profile", agent)).toBe("ok");
    expect(verdict("campaignNew", manager)).toBe("forbidden");
    expect(verdict("campaign", manager)).toBe("ok");
    expect(verdict("providerDnc", admin)).toBe("forbidden");
  });

  it("asks a provider admin to pick an organisation for tenant screens", () => {
    expect(verdict("flows", provider)).toBe("chooseTenant");
    expect(verdict("users", viewingAs)).toBe("ok");
  });

  it("leads home to the first allowed section, or the profile", () => {
    expect(homePath(admin)).toBe("/flows");
    expect(homePath(provider)).toBe("/provider/tenants");
    expect(homePath(agent)).toBe("/profile");
  });
});
