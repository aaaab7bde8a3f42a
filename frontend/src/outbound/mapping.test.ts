import { describe, expect, it } from "vitest";
import {
  assignRole,
  checkRoles,
  columnLabel,
  columnOfField,
  mappingFromRoles,
  previewTable,
  resolveColumn,
  roleChoices,
  roleFromValue,
  rolesFromMapping,
  roleValue,
  SKIP,
  variableName,
  type ColumnRole,
} from "./mapping";
import type { ColumnMapping } from "./types";

const HEADER = ["Лицевой счёт", "ФИО", "Телефон", "Мобильный", "Сумма долга", "Часовой пояс"];
const SUGGESTED: ColumnMapping = {
  external_id: "Лицевой счёт",
  name: "ФИО",
  phones: ["Телефон", "Мобильный"],
  timezone: "Часовой пояс",
  variables: { summa_dolga: "Сумма долга" },
  has_header: true,
};
const phone = (order: number): ColumnRole => ({ kind: "phone", order });

describe("column labels", () => {
  it("name columns as a spreadsheet does", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLabel)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("resolving a mapped column", () => {
  it("finds names exactly, then ignoring case (leftmost), and takes positions as they are", () => {
    expect(resolveColumn("Телефон", HEADER)).toBe(2);
    expect(resolveColumn("телефон", HEADER)).toBe(2);
    expect(resolveColumn("phone", ["Phone", "PHONE", "phone"])).toBe(2);
    expect(resolveColumn("PHone", ["Phone", "PHONE"])).toBe(0);
    expect(resolveColumn(4, HEADER)).toBe(4);
    expect(resolveColumn("Email", HEADER)).toBeNull();
    expect(resolveColumn(null, HEADER)).toBeNull();
  });
});

describe("roles from a mapping", () => {
  it("give each column the role the suggested mapping names", () => {
    expect(rolesFromMapping(SUGGESTED, HEADER)).toEqual([
      { kind: "external_id" },
      { kind: "name" },
      phone(1),
      phone(2),
      { kind: "variable", name: "summa_dolga" },
      { kind: "timezone" },
    ]);
  });

  it("skip every column without a mapping, and columns a mapping does not name", () => {
    expect(rolesFromMapping(null, HEADER)).toEqual(HEADER.map(() => SKIP));
    expect(rolesFromMapping({ phones: ["Мобильный"], variables: {}, has_header: true }, HEADER)).toEqual([SKIP, SKIP, SKIP, phone(1), SKIP, SKIP]);
  });

  it("read positions, ignore columns the file lacks, and keep the first role a column gets", () => {
    const mapping: ColumnMapping = { phones: [7, 1, "Нет такого"], name: 1, variables: { a: 0 }, has_header: false };
    expect(rolesFromMapping(mapping, HEADER)).toEqual([{ kind: "variable", name: "a" }, phone(1), SKIP, SKIP, SKIP, SKIP]);
  });

  it("make as many roles as the table is wide", () => {
    expect(rolesFromMapping({ phones: [3], variables: {}, has_header: false }, ["a"], 4)).toEqual([SKIP, SKIP, SKIP, phone(1)]);
  });
});

describe("a mapping from roles", () => {
  it("names columns by header and dials the phones in their order", () => {
    const roles = rolesFromMapping(SUGGESTED, HEADER);
    expect(mappingFromRoles(roles, HEADER, true)).toEqual(SUGGESTED);
    const swapped = assignRole(roles, 3, phone(1));
    expect(mappingFromRoles(swapped, HEADER, true).phones).toEqual(["Мобильный", "Телефон"]);
  });

  it("uses positions without a header row, and for columns without a name", () => {
    const roles: ColumnRole[] = [phone(2), SKIP, { kind: "name" }, phone(1), { kind: "variable", name: "x" }];
    expect(mappingFromRoles(roles, HEADER, false)).toEqual({ phones: [3, 0], name: 2, variables: { x: 4 }, has_header: false });
    expect(mappingFromRoles([SKIP, phone(1)], ["Имя", ""], true)).toEqual({ phones: [1], variables: {}, has_header: true });
  });

  it("survive the round trip through roles", () => {
    const mapping: ColumnMapping = { phones: [2, 0], timezone: 1, variables: { debt: 3 }, has_header: false };
    expect(mappingFromRoles(rolesFromMapping(mapping, ["a", "b", "c", "d"]), ["a", "b", "c", "d"], false)).toEqual(mapping);
  });
});

describe("assigning a role", () => {
  const roles: ColumnRole[] = [{ kind: "name" }, phone(1), phone(2), SKIP];

  it("moves a one-column role off the column that had it", () => {
    expect(assignRole(roles, 3, { kind: "name" })).toEqual([SKIP, phone(1), phone(2), { kind: "name" }]);
  });

  it("inserts a phone at its place in the dialling order", () => {
    expect(assignRole(roles, 3, phone(1))).toEqual([{ kind: "name" }, phone(2), phone(3), phone(1)]);
    expect(assignRole(roles, 3, phone(3))).toEqual([{ kind: "name" }, phone(1), phone(2), phone(3)]);
    expect(assignRole(roles, 2, phone(1))).toEqual([{ kind: "name" }, phone(2), phone(1), SKIP]);
  });

  it("closes the gap a phone leaves", () => {
    expect(assignRole(roles, 1, SKIP)).toEqual([{ kind: "name" }, SKIP, phone(1), SKIP]);
  });

  it("lets several columns be variables", () => {
    const next = assignRole(assignRole(roles, 3, { kind: "variable", name: "a" }), 0, { kind: "variable", name: "b" });
    expect(next).toEqual([{ kind: "variable", name: "b" }, phone(1), phone(2), { kind: "variable", name: "a" }]);
  });
});

describe("the role select", () => {
  it("offers one more phone place than there are phones, up to ten", () => {
    const roles: ColumnRole[] = [phone(1), phone(2), SKIP];
    expect(roleChoices(roles, 2).filter((value) => value.startsWith("phone:"))).toEqual(["phone:1", "phone:2", "phone:3"]);
    expect(roleChoices(roles, 0).filter((value) => value.startsWith("phone:"))).toEqual(["phone:1", "phone:2"]);
    expect(roleChoices([SKIP], 0)).toEqual(["skip", "phone:1", "name", "external_id", "timezone", "variable"]);
    const ten = Array.from({ length: 11 }, (_, index): ColumnRole => (index < 10 ? phone(index + 1) : SKIP));
    expect(roleChoices(ten, 10).filter((value) => value.startsWith("phone:"))).toHaveLength(10);
  });

  it("turns values into roles and back", () => {
    expect(roleValue(phone(3))).toBe("phone:3");
    expect(roleFromValue("phone:3", SKIP, "Тел", 0)).toEqual(phone(3));
    expect(roleFromValue("name", SKIP, "ФИО", 0)).toEqual({ kind: "name" });
    expect(roleFromValue("variable", SKIP, "Сумма долга", 4)).toEqual({ kind: "variable", name: "summa_dolga" });
    expect(roleFromValue("variable", SKIP, "2024", 4)).toEqual({ kind: "variable", name: "column_5" });
    expect(roleFromValue("variable", { kind: "variable", name: "kept" }, "x", 0)).toEqual({ kind: "variable", name: "kept" });
    expect(roleFromValue("skip", phone(1), "x", 0)).toEqual(SKIP);
  });
});

describe("variable names from headers", () => {
  it("transliterate and tidy as the API does", () => {
    expect(variableName("Сумма долга")).toBe("summa_dolga");
    expect(variableName("Дата  платежа (до)")).toBe("data_platezha_do");
    expect(variableName("Щука Ёж Юла")).toBe("schuka_ezh_yula");
    expect(variableName("Amount, RUB")).toBe("amount_rub");
    expect(variableName("2024")).toBeNull();
    expect(variableName("___")).toBeNull();
    expect(variableName("x".repeat(50))).toHaveLength(40);
  });
});

describe("checking roles", () => {
  it("needs a phone", () => {
    expect(checkRoles([SKIP, { kind: "name" }]).general).toEqual(["outbound.mapping.needPhone"]);
    expect(checkRoles([phone(1)])).toEqual({ general: [], columns: {} });
  });

  it("flags bad and repeated variable names on their columns", () => {
    const roles: ColumnRole[] = [phone(1), { kind: "variable", name: "Debt" }, { kind: "variable", name: "a" }, { kind: "variable", name: "a" }];
    expect(checkRoles(roles).columns).toEqual({ 1: "outbound.mapping.badVariable", 3: "outbound.mapping.variableTaken" });
  });
});

describe("the column of an API problem", () => {
  it("follows the mapping field to its column", () => {
    expect(columnOfField("mapping.phones[1]", SUGGESTED, HEADER)).toBe(3);
    expect(columnOfField("mapping.phones.0", SUGGESTED, HEADER)).toBe(2);
    expect(columnOfField("mapping.variables.summa_dolga", SUGGESTED, HEADER)).toBe(4);
    expect(columnOfField("mapping.name", SUGGESTED, HEADER)).toBe(1);
    expect(columnOfField("mapping.phones", SUGGESTED, HEADER)).toBeNull();
    expect(columnOfField("sheet", SUGGESTED, HEADER)).toBeNull();
    expect(columnOfField("mapping.phones[1]", { ...SUGGESTED, phones: ["Телефон", "Нет"] }, HEADER)).toBeNull();
  });
});

describe("the preview table", () => {
  const preview = { header: ["Телефон", "Имя"], rows: [["79160000001", "Анна"], ["79160000002"]] };

  it("shows the header as titles", () => {
    expect(previewTable(preview, true)).toEqual({ titles: ["Телефон", "Имя"], rows: [["79160000001", "Анна"], ["79160000002", ""]] });
  });

  it("shows the first row as data, and letters as titles, without a header row", () => {
    expect(previewTable(preview, false)).toEqual({
      titles: ["A", "B"],
      rows: [["Телефон", "Имя"], ["79160000001", "Анна"], ["79160000002", ""]],
    });
  });
});
