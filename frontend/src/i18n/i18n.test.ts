import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "./en.json";
import ru from "./ru.json";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(tree: object, prefix = ""): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") keys(value, path).forEach((k) => out.add(k));
    else out.add(path.replace(PLURAL, ""));
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [path] : [];
  });
}

describe("translations", () => {
  it("have the same keys in Russian and English", () => {
    expect([...keys(ru)].sort()).toEqual([...keys(en)].sort());
  });

  it("have every key the code asks for by name", () => {
    const known = keys(ru);
    const root = join(__dirname, "..");
    const missing = sources(root).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z]+\.[a-zA-Z0-9_.]+)"/g)]
        .map((match) => match[1])
        .filter((key) => !known.has(key))
        .map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
