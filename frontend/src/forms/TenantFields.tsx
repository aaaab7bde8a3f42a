// Fields of an organisation that the provider and the organisation's admin both edit, and the limits
// only the provider sets.
import { Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Locale, TenantLimits, TenantProfile } from "../api/types";
import { LOCALES } from "../i18n";
import type { Form } from "./useForm";
import { check, decimal, region, required, wholeNumber, type Message } from "./validation";

export interface TenantProfileValues extends Record<string, unknown> {
  name: string;
  timezone: string;
  locale: Locale;
  default_region: string;
}

export const profileValues = ({ name, timezone, locale, default_region }: TenantProfile): TenantProfileValues => ({
  name,
  timezone,
  locale,
  default_region,
});

/** What the API is sent. */
export const profileOf = (values: TenantProfileValues): TenantProfile => ({
  name: values.name.trim(),
  timezone: values.timezone,
  locale: values.locale,
  default_region: values.default_region.trim(),
});

export function checkTenantProfile(values: TenantProfileValues): Record<string, Message> {
  return {
    name: check(values.name, required),
    timezone: check(values.timezone, required),
    default_region: check(values.default_region, required, region),
  };
}

function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return known.includes(current) || !current ? known : [current, ...known];
}

function regionName(code: string, locale: Locale): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return "";
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? "";
  } catch {
    return "";
  }
}

export function TenantProfileFields<V extends TenantProfileValues>({ form, testId }: { form: Form<V>; testId: string }) {
  const { t, i18n } = useTranslation();
  const zones = useMemo(() => timeZones(form.values.timezone), [form.values.timezone]);
  const uiLocale = (i18n.language === "en" ? "en" : "ru") as Locale;
  return (
    <Stack gap="sm">
      <TextInput label={t("tenantForm.name")} required maxLength={200} {...form.text("name")} data-testid={`${testId}-name`} />
      <Group grow align="flex-start">
        <Select
          label={t("tenantForm.timezone")}
          data={zones}
          searchable
          required
          value={form.values.timezone}
          onChange={(value) => form.set("timezone", (value ?? "") as V["timezone"])}
          error={form.error("timezone")}
          data-testid={`${testId}-timezone`}
        />
        <TextInput
          label={t("tenantForm.region")}
          description={regionName(form.values.default_region, uiLocale) || t("tenantForm.regionHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          required
          maxLength={2}
          value={form.values.default_region}
          onChange={(event) => form.set("default_region", event.currentTarget.value.toUpperCase() as V["default_region"])}
          error={form.error("default_region")}
          data-testid={`${testId}-region`}
        />
      </Group>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t("tenantForm.locale")}
        </Text>
        <SegmentedControl
          value={form.values.locale}
          onChange={(value) => form.set("locale", value as V["locale"])}
          data={LOCALES.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
          aria-label={t("tenantForm.locale")}
        />
      </div>
    </Stack>
  );
}

/** The provider's limits of an organisation, in the order people read them. */
export const LIMITS: { key: keyof TenantLimits; min: number; max: number; decimal?: boolean }[] = [
  { key: "max_concurrent_calls", min: 0, max: 100_000 },
  { key: "max_calls_per_second", min: 0, max: 1_000, decimal: true },
  { key: "max_users", min: 1, max: 100_000 },
  { key: "storage_quota_mb", min: 0, max: 10_000_000 },
];

/** Form values of limits: "limits.<name>" (the API's field names), as text while typed. */
export type LimitValues = Record<`limits.${keyof TenantLimits}`, string>;

export const limitValues = (limits: TenantLimits): LimitValues =>
  Object.fromEntries(LIMITS.map(({ key }) => [`limits.${key}`, String(limits[key])])) as LimitValues;

export const limitsOf = (values: LimitValues): TenantLimits =>
  Object.fromEntries(LIMITS.map(({ key }) => [key, Number(values[`limits.${key}`])])) as unknown as TenantLimits;

export function checkLimits(values: LimitValues): Record<string, Message> {
  return Object.fromEntries(
    LIMITS.map(({ key, min, max, decimal: fraction }) => [
      `limits.${key}`,
      check(values[`limits.${key}`], fraction ? decimal(min, max) : wholeNumber(min, max)),
    ]),
  );
}

export function LimitsFields<V extends LimitValues & Record<string, unknown>>({ form, testId }: { form: Form<V>; testId: string }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={2} spacing="sm">
      {LIMITS.map(({ key, min, max, decimal: fraction }) => {
        const name = `limits.${key}` as const;
        return (
          <NumberInput
            key={key}
            label={t(`limits.${key}`)}
            min={min}
            max={max}
            allowDecimal={Boolean(fraction)}
            allowNegative={false}
            value={form.values[name]}
            onChange={(value) => form.set(name, String(value) as V[typeof name])}
            error={form.error(name)}
            data-testid={`${testId}-${key}`}
          />
        );
      })}
    </SimpleGrid>
  );
}
