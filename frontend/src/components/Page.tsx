import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "./Link";

/** The frame of a list screen: title, what it is for, actions on the right; `back` leads to its list. */
export function Page({ title, description, actions, children, testId, back }: {
  title: ReactNode;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  back?: { href: string; label: string };
}) {
  return (
    <div className="vf-page" data-testid={testId}>
      {back ? (
        <Anchor component={Link} href={back.href} size="sm" mb="xs" display="inline-flex" style={{ alignItems: "center", gap: 4 }}>
          <IconArrowLeft size={14} />
          {back.label}
        </Anchor>
      ) : null}
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
