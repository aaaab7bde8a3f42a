import { describe, expect, it } from "vitest";
import {
  bodyOf,
  checkCampaign,
  checkWindow,
  clock,
  commandsFor,
  defaultFormValues,
  donePercent,
  formValuesOf,
  fromLocalInput,
  normaliseClock,
  progressParts,
  reportQuery,
  secondsBetween,
  toLocalInput,
  weekdayNames,
  windowSummary,
} from "./campaign";
import type { Campaign } from "./types";

const CAMPAIGN: Campaign = {
  id: "c1",
  name: "Долги за май",
  comment: "",
  flow_id: "f1",
  flow_version: null,
  list_ids: ["l1", "l2"],
  caller_id: "+74950000000",
  trunk: "trunk-1",
  max_channels: 20,
  max_calls_per_second: 2.5,
  max_attempts_per_contact: 4,
  max_attempts_per_number: 2,
  retry_delays: { busy: 600, no_answer: 1800, failed: 90, provider_error: 3600 },
  windows: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "21:00" }, { days: [6], start: "10:00", end: "24:00" }],
  timezone: "Asia/Novosibirsk",
  starts_at: "2030-05-01T06:00:00.000Z",
  ends_at: null,
  priority: 7,
  ring_timeout: 25,
  success_rule: { kind: "dtmf", outcome: "confirmed", digit: "2", seconds: 10 },
  state: "draft",
  state_reason: null,
  starting: null,
  started_at: null,
  finished_at: null,
  created_at: "2030-04-01T00:00:00Z",
  updated_at: "2030-04-01T00:00:00Z",
  counts: { pending: 0, in_progress: 0, succeeded: 0, failed: 0, suppressed: 0, out_of_attempts: 0 },
  total: 0,
};

describe("campaign progress", () => {
  const counts = { pending: 50, in_progress: 5, succeeded: 25, failed: 10, suppressed: 0, out_of_attempts: 10 };

  it("splits the bar by finished statuses, then calls in progress, leaving out empty ones", () => {
    expect(progressParts(counts, 100).map((part) => [part.status, part.percent, part.color])).toEqual([
      ["succeeded", 25, "green"],
      ["failed", 10, "red"],
      ["out_of_attempts", 10, "red.9"],
      ["in_progress", 5, "blue"],
    ]);
    expect(progressParts({}, 0)).toEqual([]);
  });

  it("counts done contacts against the total", () => {
    expect(donePercent(counts)).toBe(45);
    expect(donePercent({}, 0)).toBe(0);
  });
});

describe("campaign commands", () => {
  it("follow the API's transitions", () => {
    expect(commandsFor("draft")).toEqual(["start", "edit", "delete"]);
    expect(commandsFor("running")).toEqual(["pause", "edit", "cancel"]);
    expect(commandsFor("scheduled")).toContain("pause");
    expect(commandsFor("paused")).toEqual(["resume", "edit", "cancel"]);
    expect(commandsFor("completed")).toEqual(["delete"]);
    expect(commandsFor("cancelled")).toEqual(["delete"]);
  });
});

describe("the settings form", () => {
  it("shows retry delays in minutes and sends them in seconds", () => {
    const values = formValuesOf(CAMPAIGN);
    expect(values.retry_delays).toEqual({ busy: 10, no_answer: 30, failed: 1.5, provider_error: 60 });
    const body = bodyOf({ ...values, retry_delays: { ...values.retry_delays, busy: "2,5" } }, true);
    expect(body.retry_delays).toEqual({ busy: 150, no_answer: 1800, failed: 90, provider_error: 3600 });
  });

  it("round-trips every setting", () => {
    const body = bodyOf(formValuesOf(CAMPAIGN), true);
    expect(body).toEqual({
      name: CAMPAIGN.name,
      comment: "",
      flow_id: "f1",
      list_ids: ["l1", "l2"],
      caller_id: "+74950000000",
      trunk: "trunk-1",
      max_channels: 20,
      max_calls_per_second: 2.5,
      max_attempts_per_contact: 4,
      max_attempts_per_number: 2,
      retry_delays: CAMPAIGN.retry_delays,
      windows: CAMPAIGN.windows,
      timezone: "Asia/Novosibirsk",
      starts_at: "2030-05-01T06:00:00.000Z",
      ends_at: null,
      priority: 7,
      ring_timeout: 25,
      success_rule: CAMPAIGN.success_rule,
    });
  });

  it("leaves the flow and lists out once started, and the time zone when not chosen", () => {
    const body = bodyOf({ ...formValuesOf(CAMPAIGN), timezone: "" }, false);
    expect(body).not.toHaveProperty("flow_id");
    expect(body).not.toHaveProperty("list_ids");
    expect(body).not.toHaveProperty("timezone");
  });

  it("starts with sensible defaults that pass the checks but for the name and flow", () => {
    const values = defaultFormValues();
    const problems = Object.entries(checkCampaign(values, true)).filter(([, message]) => message);
    expect(problems.map(([field]) => field).sort()).toEqual(["flow_id", "name"]);
    expect(values.windows[0]).toMatchObject({ days: [1, 2, 3, 4, 5], start: "09:00", end: "21:00" });
  });

  it("checks numbers, windows, dates and the success rule as the API does", () => {
    const values = {
      ...defaultFormValues(),
      name: "x",
      flow_id: "f",
      max_channels: 0,
      max_calls_per_second: 0,
      ring_timeout: 200,
      priority: 2.5,
      retry_delays: { busy: -1, no_answer: "", failed: 1, provider_error: 1 },
      windows: [{ key: "a", days: [], start: "9:00", end: "21:00" }, { key: "b", days: [1], start: "10:00", end: "10:00" }],
      starts_at: "2030-01-02T10:00",
      ends_at: "2030-01-01T10:00",
      success_kind: "dtmf" as const,
      success_digit: "12",
    };
    const problems = Object.fromEntries(Object.entries(checkCampaign(values, true)).filter(([, message]) => message).map(([field, message]) => [field, message?.key]));
    expect(problems).toEqual({
      max_channels: "validation.minimum",
      max_calls_per_second: "outbound.validation.above",
      ring_timeout: "validation.maximum",
      priority: "validation.integer",
      "retry_delays.busy": "validation.minimum",
      "retry_delays.no_answer": "validation.number",
      "windows.0.days": "outbound.validation.noDays",
      "windows.0.start": "outbound.validation.time",
      "windows.1.end": "outbound.validation.sameTimes",
      ends_at: "outbound.validation.endsBeforeStart",
      "success_rule.digit": "outbound.validation.digit",
    });
  });

  it("tidies times as typed", () => {
    expect(["9", "9:30", "930", "09.30", "21:00", "24", "abc", " 7 "].map(normaliseClock)).toEqual([
      "09:00", "09:30", "09:30", "09:30", "21:00", "24:00", "abc", "07:00",
    ]);
  });

  it("accepts 24:00 as a window's end and a window past midnight", () => {
    expect(checkWindow({ days: [1], start: "09:00", end: "24:00" })).toEqual({});
    expect(checkWindow({ days: [5], start: "22:00", end: "02:00" })).toEqual({});
    expect(checkWindow({ days: [5], start: "24:00", end: "02:00" }).start).toBeTruthy();
  });
});

describe("dates and times", () => {
  it("convert between ISO and the local input's text", () => {
    const iso = fromLocalInput("2030-05-01T09:30");
    expect(iso).not.toBeNull();
    expect(toLocalInput(iso)).toBe("2030-05-01T09:30");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("soon")).toBeNull();
    expect(toLocalInput(null)).toBe("");
  });

  it("format durations and live call lengths", () => {
    expect(clock(5)).toBe("0:05");
    expect(clock(65.4)).toBe("1:05");
    expect(clock(3725)).toBe("1:02:05");
    expect(clock(null)).toBe("—");
    expect(secondsBetween("2030-01-01T00:00:00Z", "2030-01-01T00:01:30Z")).toBe(90);
    expect(secondsBetween(null, "2030-01-01T00:01:30Z")).toBeNull();
  });

  it("name weekdays Monday first and summarise windows", () => {
    const names = weekdayNames("en");
    expect(names).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(windowSummary({ days: [1, 2, 3, 4, 5], start: "09:00", end: "21:00" }, names)).toBe("Mon–Fri 09:00–21:00");
    expect(windowSummary({ days: [6, 7], start: "10:00", end: "18:00" }, names)).toBe("Sat, Sun 10:00–18:00");
    expect(windowSummary({ days: [1, 3, 4, 5, 7], start: "10:00", end: "18:00" }, names)).toBe("Mon, Wed–Fri, Sun 10:00–18:00");
  });

  it("turn report filters into the query", () => {
    expect(reportQuery({ since: "", until: "", phone: "  ", outcome: null })).toEqual({ since: null, until: null, phone: null, outcome: null });
    const query = reportQuery({ since: "2030-01-01T00:00", until: "", phone: " +7916 ", outcome: "busy" });
    expect(query.since).toBe(new Date("2030-01-01T00:00").toISOString());
    expect(query).toMatchObject({ phone: "+7916", outcome: "busy" });
  });
});
