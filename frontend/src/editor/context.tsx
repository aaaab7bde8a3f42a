// The editor's store and lookups, shared by the canvas, its nodes and the panels.
import { createContext, useContext } from "react";
import { useStore, type StoreApi } from "zustand";
import type { EditorState } from "./store";

export const EditorStoreContext = createContext<StoreApi<EditorState> | null>(null);

export function useEditorStore(): StoreApi<EditorState> {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("editor store missing");
  return store;
}

/** Subscribes to a slice of the editor state (re-renders only when that slice changes). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/** Whether the canvas is zoomed out so far that cards draw only their title and handles. */
export const CompactContext = createContext(false);
