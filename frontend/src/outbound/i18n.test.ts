import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import appEn from "../i18n/en.json";
import appRu from "../i18n/ru.json";
import { ATTEMPT_OUTCOMES, CAMPAIGN_STATES, CONTACT_STATUSES, RETRY_KINDS } from "./types";

function keys(tree: object, prefix = ""): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") keys(value, path).forEach((k) => out.add(k));
    else out.add(path);
  }
  return out;
}

const sources = readdirSync(__dirname)
  .filter((name) => /\.tsx?$/.test(name) && !name.includes(".test."))
  .map((name) => ({ name, text: readFileSync(join(__dirname, name), "utf8") }));
// The outbound screens' texts live under "outbound" in the app's files; their menu entries under "nav".
const ru = { outbound: appRu.outbound };
const en = { outbound: appEn.outbound };
const known = new Set([...keys(ru), ...[...keys({ nav: appRu.nav })]]);
const missing = (wanted: string[]) => wanted.filter((key) => !known.has(key));

describe("outbound translations", () => {
  it("have the same keys in Russian and English, all under outbound", () => {
    expect([...keys(ru)].sort()).toEqual([...keys(en)].sort());
  });

  it("have no empty texts", () => {
    const empty = (tree: object): string[] => [...keys(tree)].filter((key) => !key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree));
    expect(empty(ru)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it("have every key the code names", () => {
    const named = sources.flatMap(({ name, text }) =>
      [...text.matchAll(/"(outbound\.[a-zA-Z0-9_.]+)"/g)].map((match) => `${name}: ${match[1]}`),
    );
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter((entry) => !known.has(entry.split(": ")[1]))).toEqual([]);
  });

  it("have every key the code builds", () => {
    const each = (prefix: string, values: readonly string[], suffix = "") => values.map((value) => `outbound.${prefix}${value}${suffix}`);
    expect(
      missing([
        ...each("status.", CONTACT_STATUSES),
        ...each("state.", CAMPAIGN_STATES),
        ...each("outcome.", ATTEMPT_OUTCOMES),
        ...each("importState.", ["uploaded", "queued", "reading", "committing", "completed", "failed"]),
        ...each("importStateShort.", ["uploaded", "queued", "reading", "committing", "completed", "failed"]),
        ...each("campaign.", ["start", "pause", "resume", "cancel"]),
        ...each("campaign.", ["start", "pause", "resume", "cancel"], "Done"),
        ...each("campaign.", ["start", "pause", "resume", "cancel"], "Failed"),
        ...each("campaign.", ["start", "cancel"], "Title"),
        ...each("campaign.", ["start", "cancel"], "Text"),
        ...each("campaign.call_", ["ringing", "answered"]),
        ...each("campaign.source_", ["list", "api"]),
        ...each("common.format_", ["xlsx", "csv"]),
        ...each("dnc.", ["rows", "addedCount", "alreadyListed", "rejected"]),
        ...each("dnc.", ["tenant", "provider"], "Title"),
        ...each("dnc.", ["tenant", "provider"], "Description"),
        ...each("form.retry_", RETRY_KINDS),
        ...each("form.success_", ["flow_result", "dtmf", "listened"]),
        ...each("form.successExplain_", ["flow_result", "dtmf", "listened"]),
        ...each("mapping.role_", ["skip", "name", "external_id", "timezone", "variable"]),
        ...each("report.period_", ["today", "yesterday", "week"]),
        ...each("upload.count_", ["imported", "updated", "skipped", "rejected", "warnings"]),
        ...each("upload.policyHint_", ["skip", "update"]),
        ...each("windows.preset_", ["workdays", "everyDay", "weekend"]),
      ]),
    ).toEqual([]);
    expect(["outbound", "campaigns", "contactLists", "dnc", "providerDnc"].filter((key) => !known.has(`nav.${key}`))).toEqual([]);
  });

  it("use only app keys that exist", () => {
    const app = keys(appRu);
    const used = sources.flatMap(({ text }) => [...text.matchAll(/\bt\(\s*"((?:common|validation|errors)\.[a-zA-Z0-9_.]+)"/g)].map((match) => match[1]));
    const messages = sources.flatMap(({ text }) => [...text.matchAll(/msg\("((?:validation)\.[a-zA-Z0-9_.]+)"/g)].map((match) => match[1]));
    expect([...new Set([...used, ...messages])].filter((key) => !app.has(key))).toEqual([]);
  });
});
