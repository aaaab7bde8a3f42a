import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** The frame of a list screen: title, what it is for, actions on the right. */
export function Page({ title, description, actions, children, testId }: {
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="vf-page" data-testid={testId}>
      <Group justify="space-between" align="flex-end" mb="lg" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2}>{title}</Title>
          {description ? (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          ) : null}
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {actions}
        </Group>
      </Group>
      {children}
    </div>
  );
}
