import { describe, expect, it } from "vitest";
import type { ProviderTenant } from "../api/types";
import { usageColor, usageItems } from "./usage";

const tenant = (usage: Partial<ProviderTenant["usage"]> = {}) =>
  ({
    limits: { max_concurrent_calls: 10, max_calls_per_second: 5, max_users: 4, storage_quota_mb: 0 },
    usage: { users: 3, api_keys: 1, numbers: 2, flows: 5, active_calls: 10, storage_used_mb: 0, ...usage },
  }) as ProviderTenant;

describe("usage at a glance", () => {
  it("sets what is limited against its limit", () => {
    const items = usageItems(tenant());
    expect(items.map((one) => one.key)).toEqual(["users", "api_keys", "numbers", "flows", "active_calls", "storage"]);
    expect(items[0]).toEqual({ key: "users", value: 3, limit: 4, percent: 75 });
    expect(items[4].percent).toBe(100);
    expect(items[1]).toEqual({ key: "api_keys", value: 1 });
  });

  it("treats a zero quota as full once anything is used", () => {
    expect(usageItems(tenant()).at(-1)?.percent).toBe(0);
    expect(usageItems(tenant({ storage_used_mb: 0.5 })).at(-1)?.percent).toBe(100);
  });

  it("shows running campaigns once the API reports them", () => {
    expect(usageItems(tenant({ campaigns_running: 2 })).map((one) => one.key)).toContain("campaigns_running");
  });

  it("colours by how full", () => {
    expect([usageColor(10), usageColor(85), usageColor(99)]).toEqual(["teal", "yellow", "red"]);
  });
});
