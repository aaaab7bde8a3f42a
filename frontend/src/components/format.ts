import type { Locale } from "../api/types";

const dateTime = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return "";
  let format = dateTime.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    dateTime.set(locale, format);
  }
  return format.format(new Date(iso));
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = locale === "ru" ? ["Б", "КБ", "МБ"] : ["B", "KB", "MB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** Saves text as a file the browser downloads. */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
