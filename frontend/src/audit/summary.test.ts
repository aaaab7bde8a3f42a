import { describe, expect, it } from "vitest";
import { summaryLines } from "./summary";

describe("audit summaries", () => {
  it("list changed fields with old and new values", () => {
    expect(summaryLines({ changes: { name: ["Agent", "Renamed"], role: ["agent", "manager"] } })).toEqual([
      { kind: "change", field: "name", before: "Agent", after: "Renamed" },
      { kind: "change", field: "role", before: "agent", after: "manager" },
    ]);
  });

  it("spread a changed object into the fields that differ", () => {
    const limits = (calls: number) => ({ max_concurrent_calls: calls, max_users: 50 });
    expect(summaryLines({ changes: { limits: [limits(30), limits(5)], status_reason: [null, "debt"] } })).toEqual([
      { kind: "change", field: "limits.max_concurrent_calls", before: "30", after: "5" },
      { kind: "change", field: "status_reason", before: "—", after: "debt" },
    ]);
  });

  it("show a created object's values and only the names of changed secrets", () => {
    expect(summaryLines({ after: { id: "1", tenant_id: "t", email: "a@b.c", hosts: ["x", "y"], limits: { max_users: 2 } } })).toEqual([
      { kind: "value", field: "email", value: "a@b.c" },
      { kind: "value", field: "hosts", value: "x, y" },
      { kind: "value", field: "limits.max_users", value: "2" },
    ]);
    expect(summaryLines({ secrets_changed: ["password_hash"], ended: 2 })).toEqual([
      { kind: "secret", field: "password_hash" },
      { kind: "value", field: "ended", value: "2" },
    ]);
  });
});
