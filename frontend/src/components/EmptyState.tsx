import { Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** What a screen shows when it has nothing yet: what this is and what to do first. */
export function EmptyState({ icon: IconComponent, title, text, action, testId }: {
  icon: Icon;
  title: string;
  text: string;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <Stack align="center" gap="xs" py={48} px="md" data-testid={testId} style={{ textAlign: "center" }}>
      <ThemeIcon size={56} radius="xl" variant="light">
        <IconComponent size={30} stroke={1.5} />
      </ThemeIcon>
      <Title order={4}>{title}</Title>
      <Text c="dimmed" maw={460} size="sm">
        {text}
      </Text>
      {action}
    </Stack>
  );
}
