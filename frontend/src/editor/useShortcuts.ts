// Keyboard shortcuts of the editor. Undo/redo also work while typing in the inspector (its
// edits are in the same history); other shortcuts leave text fields alone.
import { useEffect } from "react";
import type { StoreApi } from "zustand";
import { readClipboard, writeClipboard } from "./clipboard";
import type { EditorState } from "./store";

export const UNDO_SCOPE = "data-undo-scope";

export function useShortcuts(store: StoreApi<EditorState>, enabled: boolean, onSearch: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const editable = Boolean(target?.closest("input, textarea, select, [contenteditable='true']"));
      const inScope = Boolean(target?.closest(`[${UNDO_SCOPE}]`));
      const modal = Boolean(target?.closest("[role='dialog']"));
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const state = store.getState();

      if (mod && (key === "z" || key === "y") && !modal && (!editable || inScope)) {
        event.preventDefault();
        if (key === "y" || event.shiftKey) state.redo();
        else state.undo();
        return;
      }
      if (editable || modal) return;
      if (mod && key === "c") {
        const fragment = state.copySelection();
        if (fragment) writeClipboard(fragment);
      } else if (mod && key === "x") {
        const fragment = state.copySelection();
        if (fragment) {
          writeClipboard(fragment);
          state.deleteSelection();
        }
      } else if (mod && key === "v") {
        const copied = readClipboard();
        if (copied) state.paste(copied.fragment, copied.offset);
      } else if (mod && key === "d") {
        event.preventDefault();
        state.duplicateSelection();
      } else if (mod && key === "a") {
        event.preventDefault();
        state.select(state.nodes.map((node) => node.id));
      } else if (mod && key === "f") {
        event.preventDefault();
        onSearch();
      } else if (key === "delete" || key === "backspace") {
        event.preventDefault();
        state.deleteSelection();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, onSearch, store]);
}
