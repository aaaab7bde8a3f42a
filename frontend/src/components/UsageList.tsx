import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Why something cannot be deleted: the numbers and flows (or recordings' flows) that use it. */
export function UsageList({ groups }: { groups: { label: string; items: string[] }[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="usage-reason">
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => (
          <div key={group.label}>
            <Text size="sm" fw={600} mt="xs">
              {group.label}
            </Text>
            <List size="sm">
              {group.items.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </div>
        ))}
      <Text size="sm" c="dimmed" mt="sm">
        {t("usage.unbindFirst")}
      </Text>
    </div>
  );
}
