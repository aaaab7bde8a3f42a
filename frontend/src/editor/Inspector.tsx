// The inspector: the selected block's name and its parameters as a form generated from the
// node type's JSON Schema, with client-side checks and the server's issues inline.
import { ActionIcon, Alert, Group, Kbd, ScrollArea, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconAlertCircle, IconAlertTriangle, IconClick, IconCopy, IconTrash } from "@tabler/icons-react";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { nodeIcon } from "../catalog/icons";
import { fieldAt } from "../catalog/form";
import { validateParams } from "../catalog/validate";
import { graphVariables } from "../catalog/variables";
import { currentLocale, pick } from "../i18n";
import { useEditor, useEditorStore } from "./context";
import { FormEnvContext, type FormEnv } from "./form/FormContext";
import { ObjectFields } from "./form/SchemaField";
import type { NodeData } from "./graph";
import { useEditorUi } from "./ui";

const LABEL_MAX = 100;

/** What the inspector shows of a block: not its position, so moving a block does not redraw the form. */
export interface InspectedBlock {
  id: string;
  type: string;
  data: NodeData;
}

export function Inspector({ block, readOnly, flowId }: { block: InspectedBlock | null; readOnly: boolean; flowId: string }) {
  if (!block) return <NothingSelected />;
  return <NodeInspector key={block.id} node={block} readOnly={readOnly} flowId={flowId} />;
}

function NothingSelected() {
  const { t } = useTranslation();
  return (
    <Stack p="md" gap="sm" data-testid="inspector-empty">
      <Group gap="xs">
        <IconClick size={20} />
        <Text fw={600}>{t("inspector.emptyTitle")}</Text>
      </Group>
      <Text size="sm" c="dimmed">
        {t("inspector.emptyText")}
      </Text>
      <Text size="sm" fw={600} mt="sm">
        {t("shortcuts.title")}
      </Text>
      <Stack gap={4}>
        {(
          [
            ["Ctrl+Z", "shortcuts.undo"],
            ["Ctrl+Shift+Z / Ctrl+Y", "shortcuts.redo"],
            ["Ctrl+C / Ctrl+V", "shortcuts.copyPaste"],
            ["Ctrl+D", "shortcuts.duplicate"],
            ["Delete", "shortcuts.delete"],
            ["Ctrl+F", "shortcuts.search"],
          ] as const
        ).map(([keys, label]) => (
          <Group key={label} gap="xs" justify="space-between" wrap="nowrap">
            <Text size="xs">{t(label)}</Text>
            <Kbd size="xs">{keys}</Kbd>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

function NodeInspector({ node, readOnly, flowId }: { node: InspectedBlock; readOnly: boolean; flowId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const store = useEditorStore();
  const catalog = useEditor((state) => state.catalog);
  const allIssues = useEditor((state) => state.issues);
  // Edited since the server last checked it: its field issues may be outdated until the next save.
  const stale = useEditor((state) => (state.editedAt[node.id] ?? -1) > state.issuesVersion);
  const focus = useEditorUi((state) => state.focus);
  const root = useRef<HTMLDivElement>(null);
  const entry = catalog.byType.get(node.type);
  const form = catalog.forms.get(node.type);
  const data = node.data;

  const clientErrors = useMemo(() => {
    const messages = new Map<string, string>();
    if (!form || readOnly) return messages;
    for (const error of validateParams(form, data)) {
      if (!messages.has(error.path)) messages.set(error.path, t(`validation.${error.code}`, error.values));
    }
    return messages;
  }, [form, data, readOnly, t]);

  const { fieldIssues, nodeIssues } = useMemo(() => {
    const byField = new Map<string, string>();
    const general = [];
    for (const issue of readOnly ? [] : allIssues) {
      if (issue.node_id !== node.id) continue;
      if (issue.field && form && fieldAt(form, issue.field, data)) {
        if (!stale && !byField.has(issue.field)) byField.set(issue.field, pick(issue.message, locale));
      } else general.push(issue);
    }
    return { fieldIssues: byField, nodeIssues: general };
  }, [allIssues, node.id, form, data, locale, readOnly, stale]);

  const env = useMemo<FormEnv>(
    () => ({
      locale,
      readOnly,
      errorAt: (path) => clientErrors.get(path) ?? fieldIssues.get(path),
      graphVariables: () => graphVariables(store.getState().catalog, store.getState().nodes),
      flowId,
    }),
    [locale, readOnly, clientErrors, fieldIssues, store, flowId],
  );

  // Focus the field an issue (or a click on the canvas) asked for.
  useEffect(() => {
    if (!focus || focus.nodeId !== node.id || !focus.path || !root.current) return;
    const parts = focus.path.split(".");
    for (let length = parts.length; length > 0; length -= 1) {
      const holder = root.current.querySelector(`[data-field-path="${CSS.escape(parts.slice(0, length).join("."))}"]`);
      if (!holder) continue;
      holder.scrollIntoView({ block: "center" });
      holder.querySelector<HTMLElement>("input:not([type=hidden]), textarea, button")?.focus();
      return;
    }
  }, [focus, node.id]);

  const update = (next: unknown, leaf?: string) => store.getState().updateNodeData(node.id, next as NodeData, leaf);
  const Icon = nodeIcon(entry?.icon ?? "");

  return (
    <ScrollArea h="100%" type="auto" viewportRef={root}>
      <Stack p="md" gap="md" data-testid="inspector" data-node-id={node.id}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <span className={`vf-node-icon vf-cat-${entry?.category ?? "unknown"}`}>
              <Icon size={16} stroke={1.8} />
            </span>
            <div>
              <Text fw={700} size="sm">
                {entry ? pick(entry.title, locale) : node.type}
              </Text>
              <Text size="xs" c="dimmed">
                {entry ? pick(entry.description, locale) : t("inspector.unknownType")}
              </Text>
            </div>
          </Group>
          {!readOnly ? (
            <Group gap={2} wrap="nowrap">
              <Tooltip label={t("inspector.duplicate")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => {
                    store.getState().select([node.id]);
                    store.getState().duplicateSelection();
                  }}
                  aria-label={t("inspector.duplicate")}
                >
                  <IconCopy size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t("inspector.delete")}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => {
                    store.getState().select([node.id]);
                    store.getState().deleteSelection();
                  }}
                  aria-label={t("inspector.delete")}
                  data-testid="inspector-delete"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ) : null}
        </Group>

        {nodeIssues.map((issue, index) => (
          <Alert
            key={`${issue.code}-${index}`}
            color={issue.severity === "error" ? "red" : "yellow"}
            icon={issue.severity === "error" ? <IconAlertCircle size={18} /> : <IconAlertTriangle size={18} />}
            p="xs"
            data-testid="inspector-issue"
          >
            <Text size="sm">{pick(issue.message, locale)}</Text>
          </Alert>
        ))}

        <FormEnvContext.Provider value={env}>
          <TextInput
            label={t("inspector.label")}
            description={t("inspector.labelHint")}
            placeholder={entry ? pick(entry.title, locale) : ""}
            maxLength={LABEL_MAX}
            value={typeof data.label === "string" ? data.label : ""}
            readOnly={readOnly}
            onChange={(event) => {
              const label = event.currentTarget.value;
              const { label: _old, ...rest } = data;
              update(label ? { ...rest, label } : rest, "label");
            }}
            data-testid="field-label"
          />
          {form ? <ObjectFields field={form} value={data} path="" onChange={update} /> : null}
        </FormEnvContext.Provider>
        <Text size="xs" c="dimmed">
          {t("inspector.id", { id: node.id })}
        </Text>
      </Stack>
    </ScrollArea>
  );
}
