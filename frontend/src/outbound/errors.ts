// Error texts of the outbound screens: the Russian detail the contact-file problems carry (detail_ru),
// then our own translations under outbound.errors.<code>, then the app's (errors.<code>, the detail).
import type { TFunction } from "i18next";
import { isApiError } from "../api/problem";
import type { Locale } from "../api/types";
import { errorText } from "../components/feedback";
import { normaliseField } from "./fields";
import type { ImportFailure } from "./types";

function translated(t: TFunction, code: string, values: Record<string, unknown> = {}): string {
  if (!code) return "";
  return t(`outbound.errors.${code}`, { ...values, defaultValue: "" }) || t(`errors.${code}`, { ...values, defaultValue: "" });
}

/** A sentence for any error of these screens. */
export function problemText(error: unknown, t: TFunction, locale: Locale): string {
  if (isApiError(error)) {
    const russian = error.problem.detail_ru;
    if (locale === "ru" && typeof russian === "string" && russian) return russian;
    const own = translated(t, error.code, { detail: error.problem.detail ?? "" });
    if (own) return own;
  }
  return errorText(error, t);
}

/** Per-field messages of a refused request, keyed by normalised field name. */
export function fieldProblems(error: unknown, t: TFunction, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  const list = error.problem.errors ?? [];
  const russian = typeof error.problem.detail_ru === "string" ? error.problem.detail_ru : "";
  for (const problem of list) {
    const field = normaliseField(problem.field);
    // A contact file's problem comes with its Russian text for the one field it names.
    if (locale === "ru" && russian && list.length === 1) out[field] = russian;
    else out[field] = translated(t, problem.code) || problem.message;
  }
  return out;
}

/** Why an import failed, in the UI's language. */
export function failureText(failure: ImportFailure, locale: Locale): string {
  return (locale === "ru" && failure.detail_ru) || failure.detail;
}
