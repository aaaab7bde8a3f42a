import { describe, expect, it } from "vitest";
import { curlExamples, shellQuote } from "./curl";

describe("curl examples", () => {
  it("use the key as a bearer token against this installation", () => {
    const [check, upload, progress] = curlExamples("https://voxflow.example.com/", "vfk_abc-123");
    expect(check.command).toBe("curl -H 'Authorization: Bearer vfk_abc-123' https://voxflow.example.com/api/tenant");
    expect(upload.command.split("\n")).toEqual([
      "curl -H 'Authorization: Bearer vfk_abc-123' \\",
      "     -F file=@contacts.csv \\",
      `     -F 'mapping={"name": "ФИО", "phones": ["Телефон"]}' \\`,
      "     'https://voxflow.example.com/api/contact-lists/<list id>/imports'",
    ]);
    expect(progress.command).toContain("/api/contact-imports/<import id>");
  });

  it("quote words for the shell", () => {
    expect(shellQuote("plain/word.csv")).toBe("plain/word.csv");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
