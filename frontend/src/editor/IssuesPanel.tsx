// The validation panel: the server's issues for the draft; a click focuses the block and field.
import { Badge, Button, Group, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Issue } from "../api/types";
import { fieldAt } from "../catalog/form";
import { currentLocale, pick } from "../i18n";
import { useEditor, useEditorStore } from "./context";
import { useFocusNode } from "./useFocusNode";

/** Rows shown at first: a flow with hundreds of warnings stays quick to open. */
const PAGE = 100;

export function IssuesPanel() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const issues = useEditor((state) => state.issues);
  const store = useEditorStore();
  const focusNode = useFocusNode();

  const [limit, setLimit] = useState(PAGE);
  const sorted = useMemo(
    () => [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)),
    [issues],
  );

  /** "Menu «Main» › Keys" for an issue on a node field. */
  const where = (issue: Issue): string => {
    const { nodes, catalog } = store.getState();
    if (issue.edge_id && !issue.node_id) return t("issues.connection");
    const node = issue.node_id ? nodes.find((n) => n.id === issue.node_id) : undefined;
    if (!node) return issue.node_id ? issue.node_id : t("issues.wholeFlow");
    const entry = catalog.byType.get(node.type ?? "");
    const title = entry ? pick(entry.title, locale) : node.type;
    const name = typeof node.data.label === "string" && node.data.label ? `${title} «${node.data.label}»` : title;
    const form = catalog.forms.get(node.type ?? "");
    const field = issue.field && form ? fieldAt(form, issue.field, node.data) : null;
    return field && pick(field.title, locale) ? `${name} › ${pick(field.title, locale)}` : (name ?? "");
  };

  const open = (issue: Issue) => {
    if (issue.node_id) {
      focusNode(issue.node_id, issue.field);
      return;
    }
    const edge = issue.edge_id ? store.getState().edges.find((e) => e.id === issue.edge_id) : undefined;
    if (edge) focusNode(edge.source, null);
  };

  if (issues.length === 0) {
    return (
      <Stack align="center" p="xl" gap="xs" data-testid="issues-empty">
        <IconCircleCheck size={36} color="var(--mantine-color-teal-6)" />
        <Text fw={600}>{t("issues.noneTitle")}</Text>
        <Text size="sm" c="dimmed" ta="center">
          {t("issues.noneText")}
        </Text>
      </Stack>
    );
  }
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={0} data-testid="issues-panel">
        <Group gap="xs" p="sm">
          {errors ? (
            <Badge color="red" variant="light">
              {t("issues.errors", { count: errors })}
            </Badge>
          ) : null}
          {issues.length > errors ? (
            <Badge color="yellow" variant="light">
              {t("issues.warnings", { count: issues.length - errors })}
            </Badge>
          ) : null}
          {errors === 0 ? (
            <Text size="xs" c="dimmed">
              {t("issues.canPublish")}
            </Text>
          ) : null}
        </Group>
        {sorted.slice(0, limit).map((issue, index) => (
          <UnstyledButton
            key={`${issue.code}-${issue.node_id}-${issue.edge_id}-${issue.field}-${issue.output}-${index}`}
            className="vf-issue"
            onClick={() => open(issue)}
            data-testid="issue"
            data-issue-code={issue.code}
            data-node-id={issue.node_id ?? ""}
            data-field={issue.field ?? ""}
            data-severity={issue.severity}
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              {issue.severity === "error" ? (
                <IconAlertCircle size={18} color="var(--mantine-color-red-6)" style={{ flexShrink: 0 }} aria-label={t("issues.error")} />
              ) : (
                <IconAlertTriangle size={18} color="var(--mantine-color-yellow-7)" style={{ flexShrink: 0 }} aria-label={t("issues.warning")} />
              )}
              <div>
                <Text size="sm">{pick(issue.message, locale)}</Text>
                <Text size="xs" c="dimmed">
                  {where(issue)}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        ))}
        {sorted.length > limit ? (
          <Button variant="subtle" m="sm" onClick={() => setLimit(limit + PAGE)}>
            {t("issues.more", { count: sorted.length - limit })}
          </Button>
        ) : null}
      </Stack>
    </ScrollArea>
  );
}
