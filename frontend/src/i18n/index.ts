// ru/en UI texts. The language is the user's choice (remembered with PATCH /api/auth/me), else
// the organisation's; before signing in, the last one used in this browser.
import i18n from "i18next";
import { useSyncExternalStore } from "react";
import { initReactI18next } from "react-i18next";
import type { Locale, Localized } from "../api/types";
import en from "./en.json";
import ru from "./ru.json";

export const LOCALES: Locale[] = ["ru", "en"];
const STORAGE_KEY = "voxflow.locale";

function storedLocale(): Locale {
  const stored = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === "en" || stored === "ru" ? stored : "ru";
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return i18n.language === "en" ? "en" : "ru";
}

const onLanguage = (listener: () => void) => {
  i18n.on("languageChanged", listener);
  return () => i18n.off("languageChanged", listener);
};

/** The UI language, re-rendering on change: lighter than useTranslation for the canvas's many nodes. */
export function useLocale(): Locale {
  return useSyncExternalStore(onLanguage, currentLocale);
}

/** A ru/en text from the API in the current language. */
export function pick(text: Localized | undefined | null, locale: Locale): string {
  if (!text) return "";
  return text[locale] || text.en || text.ru;
}

export default i18n;
