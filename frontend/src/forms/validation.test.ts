import { describe, expect, it } from "vitest";
import { check, decimal, email, fieldMessage, hostName, matchFields, minLength, region, required, slug, wholeNumber } from "./validation";

describe("field checks", () => {
  it("accept what the API accepts", () => {
    expect(check("boss@acme.example", required, email)).toBeNull();
    expect(check("acme-2", slug)).toBeNull();
    expect(check("ru", region)).toBeNull();
    expect(check("*.crm.example.com", hostName)).toBeNull();
    expect(check("10", wholeNumber(0, 100))).toBeNull();
    expect(check("2.5", decimal(0, 1000))).toBeNull();
  });

  it("name the first problem", () => {
    expect(check("", required, email)?.key).toBe("validation.required");
    expect(check("boss@", required, email)?.key).toBe("validation.email");
    expect(check("Acme Corp", slug)?.key).toBe("validation.slug");
    expect(check("-acme", slug)?.key).toBe("validation.slug");
    expect(check("RUS", region)?.key).toBe("validation.region");
    expect(check("bad host!", hostName)?.key).toBe("validation.host");
    expect(check("short", minLength(8))).toEqual({ key: "validation.minLength", values: { min: 8 } });
    expect(check("0", wholeNumber(1, 10))).toEqual({ key: "validation.minimum", values: { min: 1 } });
    expect(check("1.5", wholeNumber(1, 10))?.key).toBe("validation.integer");
    expect(check("", decimal(0, 10))?.key).toBe("validation.number");
  });
});

describe("the API's field problems", () => {
  const errors = { "admin.email": "taken", "allowed_http_hosts.1": "not a host", "limits.max_users": "too small", cursor: "?" };

  it("are found by field, lists by their entries", () => {
    expect(fieldMessage(errors, "admin.email")).toBe("taken");
    expect(fieldMessage(errors, "allowed_http_hosts")).toBe("not a host");
    expect(fieldMessage(errors, "admin")).toBe("taken");
    expect(fieldMessage(errors, "name")).toBeUndefined();
  });

  it("that no field shows go above the form", () => {
    const { shown, other } = matchFields(errors, ["admin.email", "allowed_http_hosts", "limits.max_users"]);
    expect(Object.keys(shown)).toEqual(["admin.email", "allowed_http_hosts.1", "limits.max_users"]);
    expect(other).toEqual(["?"]);
  });
});
