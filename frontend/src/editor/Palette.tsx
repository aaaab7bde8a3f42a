// The block palette, grouped by the catalog's categories. Drag a block onto the canvas, or
// press Enter/Space (or click) to drop it in the middle of the view.
import { TextInput, UnstyledButton } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useReactFlow } from "@xyflow/react";
import { memo, useMemo, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { nodeIcon } from "../catalog/icons";
import type { NodeTypeEntry } from "../catalog/types";
import { currentLocale, pick } from "../i18n";
import { useEditor, useEditorStore } from "./context";
import { useEditorUi } from "./ui";

export const PALETTE_MIME = "application/x-voxflow-node";
const STEP = 40;

export const Palette = memo(function Palette() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const catalog = useEditor((state) => state.catalog);
  const store = useEditorStore();
  const { screenToFlowPosition } = useReactFlow();
  const [filter, setFilter] = useState("");

  const groups = useMemo(() => {
    const query = filter.trim().toLowerCase();
    if (!query) return catalog.palette;
    const matches = (entry: NodeTypeEntry) =>
      [entry.title.ru, entry.title.en, entry.description.ru, entry.description.en, entry.type].some((text) => text.toLowerCase().includes(query));
    return catalog.palette.map((group) => ({ ...group, types: group.types.filter(matches) })).filter((group) => group.types.length > 0);
  }, [catalog, filter]);

  /** Keyboard and click: the middle of the visible canvas, stepping aside from blocks already there. */
  const addAtCentre = (type: string) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!canvas) return;
    let position = screenToFlowPosition({ x: canvas.left + canvas.width / 2 - 120, y: canvas.top + canvas.height / 2 - 40 });
    const taken = store.getState().nodes.map((node) => node.position);
    while (taken.some((p) => Math.abs(p.x - position.x) < STEP / 2 && Math.abs(p.y - position.y) < STEP / 2)) {
      position = { x: position.x + STEP, y: position.y + STEP };
    }
    const id = store.getState().addNode(type, position);
    useEditorUi.getState().focusField(id, null);
  };

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = "copy";
  };

  return (
    <aside className="vf-palette" aria-label={t("palette.title")} data-testid="palette">
      <TextInput
        size="xs"
        leftSection={<IconSearch size={14} />}
        placeholder={t("palette.filter")}
        aria-label={t("palette.filter")}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        mb="xs"
      />
      {groups.map((group) => (
        <section key={group.category} className="vf-palette-group">
          <h3 className="vf-palette-title">{pick(group.title, locale)}</h3>
          {group.types.map((entry) => {
            const Icon = nodeIcon(entry.icon);
            return (
              <UnstyledButton
                key={entry.type}
                className={`vf-palette-item vf-cat-${entry.category}`}
                draggable
                onDragStart={(event) => onDragStart(event, entry.type)}
                onClick={() => addAtCentre(entry.type)}
                title={pick(entry.description, locale)}
                data-testid={`palette-${entry.type}`}
                aria-label={t("palette.add", { block: pick(entry.title, locale) })}
              >
                <span className="vf-node-icon">
                  <Icon size={15} stroke={1.8} />
                </span>
                <span className="vf-palette-name">{pick(entry.title, locale)}</span>
              </UnstyledButton>
            );
          })}
        </section>
      ))}
      {groups.length === 0 ? <p className="vf-muted">{t("palette.nothing")}</p> : null}
    </aside>
  );
});
