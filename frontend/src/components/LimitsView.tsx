import { SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Locale, TenantLimits } from "../api/types";
import { LIMITS } from "../forms/TenantFields";

/** The provider's limits of an organisation, read-only. */
export function LimitsView({ limits, locale }: { limits: TenantLimits; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="limits-view">
      {LIMITS.map(({ key }) => (
        <div key={key}>
          <Text size="xs" c="dimmed">
            {t(`limits.${key}`)}
          </Text>
          <Text fw={600} data-testid={`limit-${key}`}>
            {limits[key].toLocaleString(locale)}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
