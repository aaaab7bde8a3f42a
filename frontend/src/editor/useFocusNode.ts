import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { useEditorStore } from "./context";
import type { FlowEdge, FlowNode } from "./graph";
import { useEditorUi } from "./ui";

/** Selects a node, brings it to the middle of the canvas and opens its field in the inspector. */
export function useFocusNode() {
  const store = useEditorStore();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  return useCallback(
    (nodeId: string, path: string | null = null) => {
      const node = flow.getNode(nodeId);
      if (!node) return;
      store.getState().select([nodeId]);
      const width = node.measured?.width ?? 240;
      const height = node.measured?.height ?? 100;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
      useEditorUi.getState().focusField(nodeId, path);
    },
    [flow, store],
  );
}
