import { describe, expect, it } from "vitest";
import { curlExamples, shellQuote } from "./curl";

describe("curl examples", () => {
  it("use the key as a bearer token against this installation", () => {
    const [check, upload] = curlExamples("https://voxflow.example.com/", "vfk_abc-123");
    expect(check.command).toBe("curl -H 'Authorization: Bearer vfk_abc-123' https://voxflow.example.com/api/tenant");
    expect(upload.command).toContain("-F file=@contacts.csv");
    expect(upload.command).toContain("'https://voxflow.example.com/api/campaigns/<campaign id>/contacts'");
    expect(upload.command.split("\n")).toHaveLength(3);
  });

  it("quote words for the shell", () => {
    expect(shellQuote("plain/word.csv")).toBe("plain/word.csv");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
