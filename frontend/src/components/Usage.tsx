import { Paper, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usageColor, type UsageItem } from "../admin/usage";
import type { Locale } from "../api/types";

const number = (value: number, locale: Locale) => value.toLocaleString(locale, { maximumFractionDigits: 1 });

/** "3 / 50", "12.5 / 1 024 MB", "7": one usage figure against its limit. */
export function UsageValue({ item, locale }: { item: UsageItem; locale: Locale }) {
  const { t } = useTranslation();
  const text =
    item.limit === undefined ? number(item.value, locale) : t("tenantUsage.ofLimit", { value: number(item.value, locale), limit: number(item.limit, locale) });
  return (
    <Stack gap={2} data-testid={`usage-${item.key}`}>
      <Text size="sm">
        {text}
        {item.key === "storage" ? ` ${t("tenantUsage.mb")}` : ""}
      </Text>
      {item.percent !== undefined && item.key === "storage" ? (
        <Progress value={item.percent} color={usageColor(item.percent)} size="sm" aria-label={t("tenantUsage.storage")} />
      ) : null}
    </Stack>
  );
}

/** Usage as cards: the organisation's page. */
export function UsageCards({ items, locale }: { items: UsageItem[]; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 3, lg: items.length }} spacing="sm" data-testid="usage-cards">
      {items.map((item) => (
        <Paper key={item.key} withBorder className="vf-stat">
          <Text size="xs" c="dimmed" mb={2}>
            {t(`tenantUsage.${item.key}`)}
          </Text>
          <UsageValue item={item} locale={locale} />
          {item.percent !== undefined && item.key !== "storage" ? (
            <Progress mt={4} value={item.percent} color={usageColor(item.percent)} size="xs" />
          ) : null}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
