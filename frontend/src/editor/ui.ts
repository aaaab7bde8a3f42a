// Editor UI state that is not the graph: which side panel is open and which field to focus.
import { create } from "zustand";

export type SideTab = "inspector" | "issues" | "versions" | "simulator";

export interface FocusRequest {
  nodeId: string;
  path: string | null;
  /** Bumped on every request so asking twice for the same field focuses it again. */
  seq: number;
}

interface EditorUi {
  tab: SideTab;
  focus: FocusRequest | null;
  setTab(tab: SideTab): void;
  focusField(nodeId: string, path: string | null): void;
  /** A click on a block: the inspector shows it, unless a test call is being watched. */
  nodeClicked(nodeId: string): void;
  reset(): void;
}

export const useEditorUi = create<EditorUi>()((set, get) => ({
  tab: "inspector",
  focus: null,
  setTab: (tab) => set({ tab }),
  focusField: (nodeId, path) => set({ tab: "inspector", focus: { nodeId, path, seq: (get().focus?.seq ?? 0) + 1 } }),
  nodeClicked: (nodeId) =>
    set({ tab: get().tab === "simulator" ? "simulator" : "inspector", focus: { nodeId, path: null, seq: (get().focus?.seq ?? 0) + 1 } }),
  reset: () => set({ tab: "inspector", focus: null }),
}));
