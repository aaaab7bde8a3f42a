// The canvas: xyflow with minimap, zoom and fit controls, a snapping grid; editable (wired to
// the store, palette drops, connection rules) or read-only (a version, a diff).
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type Connection,
  type NodeChange,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { notifyRefused } from "../components/feedback";
import { CompactContext, useEditor, useEditorStore } from "./context";
import type { FlowEdge, FlowNode } from "./graph";
import { nodeTypesFor } from "./nodeTypes";
import { PALETTE_MIME } from "./Palette";
import type { ConnectRefusal, EditorState } from "./store";
import { useEditorUi } from "./ui";
import { COMPACT_ZOOM, FIT_PADDING, MAX_FIT_ZOOM, MIN_ZOOM, viewportToFit } from "./viewport";

const GRID: [number, number] = [20, 20];
const FIT = { padding: FIT_PADDING, maxZoom: MAX_FIT_ZOOM };
const HIDDEN = { opacity: 0 };
const MINIMAP_SIZE = { width: 150, height: 100 };
const CATEGORY_COLORS: Record<string, string> = {
  flow: "#7048e8",
  audio: "#1c7ed6",
  input: "#0c8599",
  logic: "#e8590c",
  integration: "#ae3ec9",
  routing: "#2f9e44",
};

function minimapColor(node: FlowNode, state: EditorState): string {
  return CATEGORY_COLORS[state.catalog.byType.get(node.type ?? "")?.category ?? ""] ?? "#868e96";
}

interface CanvasProps {
  nodes: FlowNode[];
  edges: FlowEdge[];
  readOnly: boolean;
  edgeClass?: (edge: FlowEdge) => string | undefined;
}

function Canvas(props: CanvasProps & Partial<Parameters<typeof ReactFlow<FlowNode, FlowEdge>>[0]>) {
  // The canvas's size is known before the first drawing, so the flow opens at its fitted view.
  const frame = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const box = frame.current?.getBoundingClientRect();
    setOpening(viewportToFit(props.nodes, box?.width ?? 0, box?.height ?? 0));
  }, []); // the opening view only; later the viewport follows the person
  return (
    <div ref={frame} className="vf-canvas-frame">
      {opening ? <FittedCanvas {...props} opening={opening} /> : null}
    </div>
  );
}

function FittedCanvas({ nodes, edges, readOnly, edgeClass, opening, children, ...handlers }: CanvasProps & { opening: Viewport } & Partial<Parameters<typeof ReactFlow<FlowNode, FlowEdge>>[0]>) {
  const { t } = useTranslation();
  const catalog = useEditor((state) => state.catalog);
  const store = useEditorStore();
  const nodeTypes = useMemo(() => nodeTypesFor(catalog.entries.map((entry) => entry.type)), [catalog]);
  const styledEdges = useMemo(
    () => (edgeClass ? edges.map((edge) => ({ ...edge, className: edgeClass(edge) })) : edges),
    [edges, edgeClass],
  );
  // The exact fit once every node is measured (hidden until then, so nothing jumps); an empty
  // flow keeps zoom 1 so the first drops land where they are dropped.
  const [fitted, setFitted] = useState(nodes.length === 0);
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (fitted || !initialized) return;
    void fitView(FIT);
    setFitted(true);
  }, [fitted, initialized, fitView]);
  const liveZoom = useStore((state) => state.transform[2]);
  const compact = (fitted ? liveZoom : opening.zoom) < COMPACT_ZOOM;
  const selectNode = useCallback(
    (_: unknown, node: FlowNode) => useEditorUi.getState().nodeClicked(node.id),
    [],
  );
  return (
    <CompactContext.Provider value={compact}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={nodeTypes}
        defaultViewport={opening}
        snapToGrid
        snapGrid={GRID}
        style={fitted ? undefined : HIDDEN}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        deleteKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable={!readOnly}
        elevateEdgesOnSelect
        onNodeClick={selectNode}
        defaultEdgeOptions={{ type: "smoothstep" }}
        ariaLabelConfig={{ "controls.ariaLabel": t("canvas.controls") }}
        data-testid={readOnly ? "canvas-readonly" : "canvas"}
        {...handlers}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1.2} />
        <MiniMap<FlowNode> pannable zoomable style={MINIMAP_SIZE} nodeColor={(node) => minimapColor(node, store.getState())} ariaLabel={t("canvas.minimap")} />
        <Controls showInteractive={false} />
        {children}
      </ReactFlow>
    </CompactContext.Provider>
  );
}

const REFUSALS: Record<ConnectRefusal, string> = {
  unknown_source: "canvas.refuse.unknownSource",
  unknown_target: "canvas.refuse.unknownTarget",
  unknown_output: "canvas.refuse.unknownOutput",
  already_connected: "canvas.refuse.alreadyConnected",
  no_input: "canvas.refuse.noInput",
};

/** The draft: every change goes through the store (and so into undo history and autosave). */
export function EditableCanvas({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  const store = useEditorStore();
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const simulation = useEditor((state) => state.simulation);
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  const { screenToFlowPosition } = useReactFlow();

  const onConnect = useCallback(
    (connection: Connection) => {
      const result = store.getState().connect(connection);
      if (!result.ok) notifyRefused(t(REFUSALS[result.reason], { output: connection.sourceHandle ?? "" }));
    },
    [store, t],
  );
  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = store.getState().addNode(type, { x: position.x - 20, y: position.y - 20 });
      useEditorUi.getState().focusField(id, null);
    },
    [screenToFlowPosition, store],
  );
  const edgeClass = useMemo(() => {
    if (simulation.path.length < 2) return undefined;
    const steps = new Set(simulation.path.slice(1).map((target, index) => `${simulation.path[index]}>${target}`));
    return (edge: FlowEdge) => (steps.has(`${edge.source}>${edge.target}`) ? "vf-edge-taken" : undefined);
  }, [simulation.path]);

  return (
    <Canvas
      nodes={nodes}
      edges={edges}
      readOnly={false}
      edgeClass={edgeClass}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      {children}
    </Canvas>
  );
}

/** A published version or a diff: look, select, never change. Its own viewport, so the draft's stays as it was. */
export function ReadOnlyCanvas({ nodes, edges, edgeClass }: { nodes: FlowNode[]; edges: FlowEdge[]; edgeClass?: (edge: FlowEdge) => string | undefined }) {
  // Measuring and selecting still change the nodes (xyflow is controlled); moving or deleting cannot.
  const [shown, setShown] = useState(nodes);
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) =>
      setShown((current) => applyNodeChanges(changes.filter((c) => c.type === "dimensions" || c.type === "select"), current)),
    [],
  );
  return (
    <ReactFlowProvider>
      <Canvas nodes={shown} edges={edges} readOnly edgeClass={edgeClass} onNodesChange={onNodesChange} />
    </ReactFlowProvider>
  );
}
