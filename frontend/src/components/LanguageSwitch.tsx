import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Locale } from "../api/types";
import { LOCALES } from "../i18n";

export function LanguageSwitch({ value, onChange }: { value: Locale; onChange: (locale: Locale) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={value}
      onChange={(next) => onChange(next as Locale)}
      data={LOCALES.map((locale) => ({ value: locale, label: locale.toUpperCase() }))}
      aria-label={t("header.language")}
      data-testid="language-switch"
    />
  );
}
