// An organisation's usage at a glance, against the limits the provider set.
import type { ProviderTenant } from "../api/types";

export interface UsageItem {
  key: "users" | "api_keys" | "numbers" | "flows" | "active_calls" | "campaigns_running" | "storage";
  value: number;
  /** The provider's limit for it, when there is one. */
  limit?: number;
  /** value / limit as 0–100 when there is a limit (0 for a zero limit with nothing used). */
  percent?: number;
}

const percent = (value: number, limit: number) => (limit > 0 ? Math.min(100, (value / limit) * 100) : value > 0 ? 100 : 0);

function item(key: UsageItem["key"], value: number, limit?: number): UsageItem {
  return limit === undefined ? { key, value } : { key, value, limit, percent: percent(value, limit) };
}

export function usageItems({ usage, limits }: ProviderTenant): UsageItem[] {
  return [
    item("users", usage.users, limits.max_users),
    item("api_keys", usage.api_keys),
    item("numbers", usage.numbers),
    item("flows", usage.flows),
    item("active_calls", usage.active_calls, limits.max_concurrent_calls),
    // Reported once the campaigns API is in; shown only then.
    ...(usage.campaigns_running === undefined ? [] : [item("campaigns_running", usage.campaigns_running)]),
    item("storage", usage.storage_used_mb, limits.storage_quota_mb),
  ];
}

/** Green, then yellow from 80 %, red from 95 %. */
export const usageColor = (value: number) => (value >= 95 ? "red" : value >= 80 ? "yellow" : "teal");
