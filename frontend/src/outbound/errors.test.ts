import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { failureText, fieldProblems, problemText } from "./errors";
import { messageFor, normaliseField, unplaced } from "./fields";

const TEXTS: Record<string, string> = {
  "outbound.errors.campaign.flow_not_published": "Сценарий не опубликован.",
  "outbound.errors.phone.invalid": "Неправильный номер.",
  "errors.flow.not_found": "Такого сценария нет.",
};
const t = ((key: string, options?: { defaultValue?: string }) => TEXTS[key] ?? options?.defaultValue ?? key) as unknown as TFunction;

const problem = (code: string, extra: Record<string, unknown> = {}) =>
  new ApiError({ status: 422, code, detail: "English detail", ...extra });

describe("field names", () => {
  it("normalise the API's forms", () => {
    expect(normaliseField("windows[0].start")).toBe("windows.0.start");
    expect(normaliseField("body.list_ids[2]")).toBe("list_ids.2");
    expect(normaliseField("mapping.phones[1]")).toBe("mapping.phones.1");
    expect(normaliseField("name")).toBe("name");
  });

  it("find a field's message, also of its parts, and what no field shows", () => {
    const errors = { "windows.0.start": "a", name: "b", other: "c" };
    expect(messageFor(errors, "windows")).toBe("a");
    expect(messageFor(errors, "name")).toBe("b");
    expect(messageFor(errors, "win")).toBeUndefined();
    expect(unplaced(errors, ["name", "windows"])).toEqual(["c"]);
  });
});

describe("error texts", () => {
  it("take the Russian detail of a file problem in Russian", () => {
    const error = problem("file.encoding", { detail_ru: "Строка 3: текст не читается" });
    expect(problemText(error, t, "ru")).toBe("Строка 3: текст не читается");
    expect(problemText(error, t, "en")).toBe("English detail");
  });

  it("translate known codes, ours first, then the app's, else give the detail", () => {
    expect(problemText(problem("campaign.flow_not_published"), t, "ru")).toBe("Сценарий не опубликован.");
    expect(problemText(problem("flow.not_found"), t, "ru")).toBe("Такого сценария нет.");
    expect(problemText(problem("something.new"), t, "ru")).toBe("English detail");
  });

  it("give field messages by normalised field, with the file problem's Russian text", () => {
    const single = problem("mapping.unknown_column", {
      detail_ru: "phones[1]: в файле нет столбца «Моб»",
      errors: [{ field: "mapping.phones[1]", code: "mapping.unknown_column", message: "phones[1]: no column" }],
    });
    expect(fieldProblems(single, t, "ru")).toEqual({ "mapping.phones.1": "phones[1]: в файле нет столбца «Моб»" });
    expect(fieldProblems(single, t, "en")).toEqual({ "mapping.phones.1": "phones[1]: no column" });
    const several = problem("validation_failed", {
      errors: [
        { field: "phones[0]", code: "phone.invalid", message: "«1» is not valid" },
        { field: "name", code: "invalid", message: "too long" },
      ],
    });
    expect(fieldProblems(several, t, "ru")).toEqual({ "phones.0": "Неправильный номер.", name: "too long" });
    expect(fieldProblems(new Error("x"), t, "ru")).toEqual({});
  });

  it("tell why an import failed in the UI's language", () => {
    const failure = { code: "file.bad_csv", detail: "Row 2: broken", detail_ru: "Строка 2: сломано" };
    expect(failureText(failure, "ru")).toBe("Строка 2: сломано");
    expect(failureText(failure, "en")).toBe("Row 2: broken");
    expect(failureText({ ...failure, detail_ru: null }, "ru")).toBe("Row 2: broken");
  });
});
