import { Paper, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled part of a settings-like screen. */
export function Section({ title, text, children, testId }: { title: string; text?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={4} mb={text ? 4 : "sm"}>
        {title}
      </Title>
      {text ? (
        <Text size="sm" c="dimmed" mb="md">
          {text}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}
