// The editor's top bar: where you are, whether it is saved, undo/redo, layout, search, publish.
import { ActionIcon, Badge, Button, Group, Loader, Text, TextInput, Tooltip } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowLeft,
  IconCloudCheck,
  IconCloudUpload,
  IconLayoutDistributeHorizontal,
  IconRocket,
  IconSearch,
} from "@tabler/icons-react";
import { memo, useMemo, useState, type Ref } from "react";
import { useTranslation } from "react-i18next";
import type { Flow } from "../api/types";
import { searchableText } from "../catalog/summary";
import { Link } from "../components/Link";
import { currentLocale, pick } from "../i18n";
import { paths } from "../router";
import { useEditor, useEditorStore } from "./context";
import type { SaveStatus } from "./useAutosave";
import { useFocusNode } from "./useFocusNode";

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const look = {
    saved: { icon: <IconCloudCheck size={16} />, color: "teal" },
    pending: { icon: <IconCloudUpload size={16} />, color: "gray" },
    saving: { icon: <Loader size={12} />, color: "blue" },
    error: { icon: <IconAlertTriangle size={16} />, color: "orange" },
    conflict: { icon: <IconAlertTriangle size={16} />, color: "red" },
  }[status];
  return (
    <Group gap={4} wrap="nowrap" c={look.color} data-testid="save-status" data-status={status} aria-live="polite" w={150}>
      {look.icon}
      <Text size="xs" c={look.color}>
        {t(`save.${status}`)}
      </Text>
    </Group>
  );
}

const SEARCH_LIMIT = 30;

/** Find a block by its name, type or any text in it; the list opens only while typing. */
export const NodeSearch = memo(function NodeSearch({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const store = useEditorStore();
  const focusNode = useFocusNode();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  const results = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!open || !needle) return [];
    const { nodes, catalog } = store.getState();
    const locale = currentLocale();
    const found: { id: string; label: string }[] = [];
    for (const node of nodes) {
      const entry = catalog.byType.get(node.type ?? "");
      const title = entry ? pick(entry.title, locale) : (node.type ?? "");
      const label = typeof node.data.label === "string" && node.data.label ? `${node.data.label} · ${title}` : `${title} · ${node.id}`;
      if (`${label} ${node.id} ${searchableText(node.data)}`.toLowerCase().includes(needle)) found.push({ id: node.id, label });
      if (found.length === SEARCH_LIMIT) break;
    }
    return found;
  }, [open, query, store]);

  const choose = (id: string) => {
    focusNode(id);
    setQuery("");
    setOpen(false);
  };

  return (
    <div className="vf-search">
      <TextInput
        ref={inputRef}
        size="xs"
        w={220}
        leftSection={<IconSearch size={14} />}
        placeholder={t("toolbar.search")}
        aria-label={t("toolbar.search")}
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls="vf-search-results"
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((index) => (results.length ? (index + step + results.length) % results.length : 0));
          } else if (event.key === "Enter" && results[active]) {
            choose(results[active].id);
          } else if (event.key === "Escape") {
            setQuery("");
            event.currentTarget.blur();
          }
        }}
        data-testid="node-search"
      />
      {results.length > 0 ? (
        <div className="vf-search-results" id="vf-search-results" role="listbox">
          {results.map((result, index) => (
            <div
              key={result.id}
              role="option"
              aria-selected={index === active}
              className="vf-search-result"
              onMouseDown={(event) => {
                event.preventDefault(); // keep focus until chosen
                choose(result.id);
              }}
              onMouseEnter={() => setActive(index)}
            >
              {result.label}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});

export function Toolbar({ flow, status, onPublish, searchRef, readOnly }: {
  flow: Flow;
  status: SaveStatus;
  onPublish: () => void;
  searchRef: Ref<HTMLInputElement>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const canUndo = useEditor((state) => state.past.length > 0);
  const canRedo = useEditor((state) => state.future.length > 0);
  const errors = useEditor((state) => state.issues.filter((issue) => issue.severity === "error").length);
  const store = useEditorStore();
  const publishBlocked = errors > 0 || status === "conflict";

  return (
    <div className="vf-toolbar" data-testid="editor-toolbar">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Tooltip label={t("toolbar.back")}>
          <ActionIcon component={Link} href={paths.flows()} variant="subtle" color="gray" aria-label={t("toolbar.back")}>
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Text fw={700} truncate maw={260} data-testid="editor-flow-name">
          {flow.name}
        </Text>
        {flow.published_version ? (
          <Badge variant="light" color="teal" size="sm">
            {t("flows.version", { n: flow.published_version })}
          </Badge>
        ) : (
          <Badge variant="light" color="gray" size="sm">
            {t("flows.notPublished")}
          </Badge>
        )}
        {!readOnly ? <SaveIndicator status={status} /> : null}
      </Group>
      {!readOnly ? (
        <Group gap={6} wrap="nowrap">
          <Tooltip label={`${t("toolbar.undo")} (Ctrl+Z)`}>
            <ActionIcon variant="default" disabled={!canUndo} onClick={() => store.getState().undo()} aria-label={t("toolbar.undo")} data-testid="undo">
              <IconArrowBackUp size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={`${t("toolbar.redo")} (Ctrl+Shift+Z)`}>
            <ActionIcon variant="default" disabled={!canRedo} onClick={() => store.getState().redo()} aria-label={t("toolbar.redo")} data-testid="redo">
              <IconArrowForwardUp size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t("toolbar.layout")}>
            <ActionIcon variant="default" onClick={() => store.getState().layout()} aria-label={t("toolbar.layout")} data-testid="auto-layout">
              <IconLayoutDistributeHorizontal size={18} />
            </ActionIcon>
          </Tooltip>
          <NodeSearch inputRef={searchRef} />
          <Tooltip label={publishBlocked ? t("toolbar.publishBlocked", { count: errors }) : t("toolbar.publishHint")} multiline w={240}>
            <span>
              <Button leftSection={<IconRocket size={16} />} disabled={publishBlocked} onClick={onPublish} data-testid="publish">
                {t("toolbar.publish")}
              </Button>
            </span>
          </Tooltip>
        </Group>
      ) : null}
    </div>
  );
}
