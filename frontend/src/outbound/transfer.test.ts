import { describe, expect, it } from "vitest";
import { actingOf, fileNameFrom } from "./transfer";

describe("downloaded file names", () => {
  it("prefer the RFC 6266 extended name, then the plain one, then the fallback", () => {
    expect(fileNameFrom("attachment; filename=\"list.xlsx\"; filename*=UTF-8''%D0%A1%D0%BF%D0%B8%D1%81%D0%BE%D0%BA.xlsx", "x")).toBe("Список.xlsx");
    expect(fileNameFrom('attachment; filename="errors-1.csv"', "x")).toBe("errors-1.csv");
    expect(fileNameFrom("attachment; filename=plain.csv", "x")).toBe("plain.csv");
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A; filename=ok.csv", "x")).toBe("ok.csv");
    expect(fileNameFrom("attachment", "fallback.xlsx")).toBe("fallback.xlsx");
    expect(fileNameFrom(null, "fallback.xlsx")).toBe("fallback.xlsx");
  });
});

describe("what requests carry", () => {
  it("names the organisation only for a provider admin viewing one", () => {
    const me = { csrf_token: "t" };
    expect(actingOf({ me, isProvider: true, tenantId: "org" })).toEqual({ csrf: "t", tenant: "org" });
    expect(actingOf({ me, isProvider: false, tenantId: "own" })).toEqual({ csrf: "t", tenant: null });
  });
});
