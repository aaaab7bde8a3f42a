// The flow editor: palette, canvas, side panels (inspector, issues, versions, test call),
// autosave, publishing, read-only views of versions and diffs.
import { Alert, Button, Group, Tabs, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowBackUp, IconEye, IconGitCompare, IconRefresh } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StoreApi } from "zustand";
import { flowsApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import { keys, useAllFlows, useAudio, useCatalog, useFlow } from "../api/queries";
import type { Flow, Issue } from "../api/types";
import type { CatalogIndex } from "../catalog/catalogIndex";
import { notifyDone, notifyError } from "../components/feedback";
import { QueryState } from "../components/QueryState";
import { EditorStoreContext, useEditor } from "../editor/context";
import { EditableCanvas, ReadOnlyCanvas } from "../editor/FlowCanvas";
import type { FlowEdge } from "../editor/graph";
import { Inspector, type InspectedBlock } from "../editor/Inspector";
import { IssuesPanel } from "../editor/IssuesPanel";
import { NodeIconSprite } from "../editor/NodeIconSprite";
import { NoteModal } from "../editor/NoteModal";
import { Palette } from "../editor/Palette";
import { SimulatorPanel } from "../editor/SimulatorPanel";
import { createEditorStore, type EditorState } from "../editor/store";
import { Toolbar } from "../editor/Toolbar";
import { useEditorUi, type SideTab } from "../editor/ui";
import { useAutosave } from "../editor/useAutosave";
import { UNDO_SCOPE, useShortcuts } from "../editor/useShortcuts";
import { diffView, versionView, type ViewGraph } from "../editor/views";
import { VersionsPanel, type CanvasView } from "../editor/VersionsPanel";
import { useSession } from "../session";
import { NotFoundScreen } from "./NotFoundScreen";

export default function EditorScreen({ flowId }: { flowId: string }) {
  const { tenantId } = useSession();
  const catalog = useCatalog();
  const flow = useFlow(tenantId, flowId);
  if (isApiError(flow.error, "flow.not_found") || isApiError(flow.error, "not_found")) return <NotFoundScreen />;
  if (!catalog.data || !flow.data) {
    return (
      <QueryState
        isLoading={catalog.isLoading || flow.isLoading}
        error={catalog.error ?? flow.error}
        retry={() => void (catalog.error ? catalog.refetch() : flow.refetch())}
        height={400}
      />
    );
  }
  return <LoadedEditor catalog={catalog.data} initial={flow.data} />;
}

function LoadedEditor({ catalog, initial }: { catalog: CatalogIndex; initial: Flow }) {
  const [store] = useState(() => {
    const created = createEditorStore(catalog);
    created.getState().load(initial.draft);
    created.getState().setIssues(initial.issues);
    return created;
  });
  useEffect(() => {
    useEditorUi.getState().reset();
  }, []);
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Workspace store={store} initial={initial} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

/** The one selected block's id (none when several are selected). */
const selectedNodeId = (state: EditorState): string | null => {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found) return null;
    found = node.id;
  }
  return found;
};

/** The selected block as the inspector needs it: re-rendered when its parameters change, not when it moves. */
function useSelectedBlock(): InspectedBlock | null {
  const id = useEditor(selectedNodeId);
  const type = useEditor((state) => (id ? state.nodes.find((node) => node.id === id)?.type : undefined));
  const data = useEditor((state) => (id ? state.nodes.find((node) => node.id === id)?.data : undefined));
  return useMemo(() => (id && type && data ? { id, type, data } : null), [id, type, data]);
}

function Workspace({ store, initial }: { store: StoreApi<EditorState>; initial: Flow }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { tenantId, can } = useSession();
  const flowId = initial.id;
  const flow = useFlow(tenantId, flowId).data ?? initial;
  const writable = can("flows.write");
  const autosave = useAutosave(store, flowId, tenantId, initial.revision);
  const tab = useEditorUi((state) => state.tab);
  const focus = useEditorUi((state) => state.focus);
  const [view, setView] = useState<CanvasView>({ kind: "draft" });
  const [dialog, setDialog] = useState<{ kind: "publish" } | { kind: "rollback"; version: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const draftBlock = useSelectedBlock();
  const nodeCount = useEditor((state) => state.nodes.length);
  const issueCount = useEditor((state) => state.issues.length);
  const errorCount = useEditor((state) => state.issues.filter((issue) => issue.severity === "error").length);
  const viewGraph = useViewGraph(flowId, view);
  const readOnly = view.kind !== "draft" || !writable;
  // The test call panel mounts when first opened, then stays (a call goes on while other tabs are open).
  const [simulatorUsed, setSimulatorUsed] = useState(false);
  if (tab === "simulator" && !simulatorUsed) setSimulatorUsed(true);

  useShortcuts(store, view.kind === "draft" && writable, useCallback(() => searchRef.current?.focus(), []));
  useEffect(() => {
    store.getState().setOverlay(view.kind === "draft" ? null : (viewGraph.data?.overlay ?? { nodes: {}, edges: {} }));
  }, [store, view.kind, viewGraph.data]);

  useRefNames(store);
  const viewed = viewGraph.data?.nodes.find((node) => node.id === focus?.nodeId);
  const inspected = view.kind === "draft" ? draftBlock : viewed ? { id: viewed.id, type: viewed.type ?? "", data: viewed.data } : null;
  const refreshFlow = () => {
    void client.invalidateQueries({ queryKey: keys.flow(tenantId, flowId) });
    void client.invalidateQueries({ queryKey: ["tenant", tenantId, "flows"] });
  };

  const publish = async (note: string) => {
    try {
      if (!(await autosave.flush())) throw new Error(t("simulator.notSaved"));
      const version = await flowsApi.publish(flowId, note);
      notifyDone(t("toolbar.published", { n: version.version }));
      setDialog(null);
      refreshFlow();
    } catch (error) {
      if (isApiError(error, "flow.invalid")) {
        store.getState().setIssues((error.problem.issues as Issue[] | undefined) ?? []);
        useEditorUi.getState().setTab("issues");
        setDialog(null);
      }
      notifyError(error, t, t("toolbar.publishFailed"));
    }
  };

  const rollback = async (version: number, note: string) => {
    try {
      await flowsApi.rollback(flowId, version, note);
      await autosave.reload();
      setView({ kind: "draft" });
      setDialog(null);
      notifyDone(t("versions.rolledBack", { n: version }));
      refreshFlow();
    } catch (error) {
      notifyError(error, t);
    }
  };

  const edgeClass = useMemo(() => {
    const overlay = viewGraph.data?.overlay;
    return overlay ? (edge: FlowEdge) => (overlay.edges[edge.id] ? `vf-edge-${overlay.edges[edge.id]}` : undefined) : undefined;
  }, [viewGraph.data]);

  return (
    <>
      <div className="vf-editor" data-testid="editor">
        <NodeIconSprite />
        <Toolbar flow={flow} status={autosave.status} onPublish={() => setDialog({ kind: "publish" })} searchRef={searchRef} readOnly={readOnly} />
        {autosave.status === "conflict" ? (
          <Alert color="red" icon={<IconAlertTriangle />} className="vf-banner" data-testid="conflict">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t("save.conflictText", { who: autosave.conflict?.savedBy ?? t("save.someone") })}</Text>
              <Button size="xs" color="red" style={{ flexShrink: 0 }} leftSection={<IconRefresh size={14} />} onClick={() => void autosave.reload()} data-testid="conflict-reload">
                {t("save.reload")}
              </Button>
            </Group>
          </Alert>
        ) : null}
        {autosave.status === "error" ? (
          <Alert color="orange" icon={<IconAlertTriangle />} className="vf-banner" data-testid="save-error">
            <Text size="sm">{t("save.errorText")}</Text>
          </Alert>
        ) : null}
        <div className={`vf-editor-body ${readOnly ? "vf-readonly" : ""}`}>
          {view.kind === "draft" && writable ? <Palette /> : null}
          <div className="vf-canvas-wrap">
            {view.kind !== "draft" ? (
              <ViewBanner view={view} onBack={() => setView({ kind: "draft" })} onRollback={writable && view.kind === "version" ? () => setDialog({ kind: "rollback", version: view.version }) : undefined} />
            ) : null}
            {view.kind === "draft" ? (
              <EditableCanvas>{nodeCount === 0 ? <EmptyCanvasHint /> : null}</EditableCanvas>
            ) : viewGraph.data ? (
              <ReadOnlyCanvas key={JSON.stringify(view)} nodes={viewGraph.data.nodes} edges={viewGraph.data.edges} edgeClass={edgeClass} />
            ) : (
              <QueryState isLoading={viewGraph.isLoading} error={viewGraph.error} retry={() => void viewGraph.refetch()} height={300} />
            )}
          </div>
          <aside className="vf-side" {...{ [UNDO_SCOPE]: "" }}>
            <Tabs value={tab} onChange={(value) => useEditorUi.getState().setTab((value ?? "inspector") as SideTab)} className="vf-tabs" keepMounted={false}>
              <Tabs.List grow className="vf-tab-list">
                <Tabs.Tab value="inspector" data-testid="tab-inspector">
                  {t("panels.inspector")}
                </Tabs.Tab>
                <Tabs.Tab
                  value="issues"
                  data-testid="tab-issues"
                  rightSection={issueCount ? <span className={`vf-count ${errorCount ? "vf-count-error" : ""}`} data-testid="issue-count">{issueCount > 99 ? "99+" : issueCount}</span> : undefined}
                >
                  {t("panels.issues")}
                </Tabs.Tab>
                <Tabs.Tab value="versions" data-testid="tab-versions">
                  {t("panels.versions")}
                </Tabs.Tab>
                {writable ? (
                  <Tabs.Tab value="simulator" data-testid="tab-simulator">
                    {t("panels.simulator")}
                  </Tabs.Tab>
                ) : null}
              </Tabs.List>
              <Tabs.Panel value="inspector">
                <Inspector block={inspected} readOnly={readOnly} flowId={flowId} />
              </Tabs.Panel>
              <Tabs.Panel value="issues">
                <IssuesPanel />
              </Tabs.Panel>
              <Tabs.Panel value="versions">
                <VersionsPanel
                  flowId={flowId}
                  published={flow.published_version}
                  view={view}
                  onView={setView}
                  onRollback={(version) => setDialog({ kind: "rollback", version })}
                  canWrite={writable}
                />
              </Tabs.Panel>
              {writable ? (
                <Tabs.Panel value="simulator" keepMounted>
                  {simulatorUsed ? <SimulatorPanel flowId={flowId} flush={autosave.flush} /> : null}
                </Tabs.Panel>
              ) : null}
            </Tabs>
          </aside>
        </div>
      </div>
      {dialog?.kind === "publish" ? (
        <NoteModal
          title={t("toolbar.publishTitle")}
          text={t("toolbar.publishText", { n: (flow.published_version ?? 0) + 1 })}
          submit={t("toolbar.publish")}
          onSubmit={publish}
          onClose={() => setDialog(null)}
          testId="publish-dialog"
        />
      ) : null}
      {dialog?.kind === "rollback" ? (
        <NoteModal
          title={t("versions.rollbackTitle", { n: dialog.version })}
          text={t("versions.rollbackText", { n: dialog.version })}
          submit={t("versions.rollback")}
          color="orange"
          onSubmit={(note) => rollback(dialog.version, note)}
          onClose={() => setDialog(null)}
          testId="rollback-dialog"
        />
      ) : null}
    </>
  );
}

/** Names of recordings and flows for node cards (ids until the lists arrive). */
function useRefNames(store: StoreApi<EditorState>): void {
  const { tenantId } = useSession();
  // Asked for once the canvas is up: a big flow opens faster without competing requests.
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const handle = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }, []);
  const audio = useAudio(tenantId, idle);
  const flows = useAllFlows(tenantId, idle);
  useEffect(() => {
    const names = new Map<string, string>();
    for (const asset of audio.items) names.set(`audio:${asset.id}`, asset.name);
    for (const flow of flows.data ?? []) names.set(`flow:${flow.id}`, flow.name);
    if (names.size > 0) store.getState().setRefNames((ref, id) => names.get(`${ref}:${id}`));
  }, [audio.items, flows.data, store]);
}

function useViewGraph(flowId: string, view: CanvasView) {
  const { tenantId } = useSession();
  return useQuery<ViewGraph>({
    queryKey: keys.view(tenantId, flowId, view),
    enabled: view.kind !== "draft",
    staleTime: Infinity,
    queryFn: async () => {
      if (view.kind === "version") return versionView((await flowsApi.version(flowId, view.version)).graph);
      if (view.kind !== "diff") throw new Error("no view");
      const [older, newer, diff] = await Promise.all([
        flowsApi.version(flowId, view.from),
        flowsApi.version(flowId, view.to),
        flowsApi.diff(flowId, view.from, view.to),
      ]);
      return diffView(older.graph, newer.graph, diff);
    },
  });
}

function ViewBanner({ view, onBack, onRollback }: { view: CanvasView; onBack: () => void; onRollback?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="vf-view-banner" data-testid="view-banner">
      <Group gap="xs" wrap="nowrap">
        {view.kind === "diff" ? <IconGitCompare size={18} /> : <IconEye size={18} />}
        <Text size="sm" fw={600}>
          {view.kind === "version" ? t("versions.viewing", { n: view.version }) : view.kind === "diff" ? t("versions.comparing", { from: view.from, to: view.to }) : ""}
        </Text>
        {view.kind === "diff" ? (
          <Group gap={4} ml="sm">
            {(["added", "changed", "moved", "removed"] as const).map((status) => (
              <span key={status} className={`vf-legend vf-legend-${status}`}>
                {t(`versions.${status}`)}
              </span>
            ))}
          </Group>
        ) : null}
      </Group>
      <Group gap="xs" wrap="nowrap">
        {onRollback ? (
          <Button size="xs" variant="light" color="orange" leftSection={<IconArrowBackUp size={14} />} onClick={onRollback}>
            {t("versions.rollback")}
          </Button>
        ) : null}
        <Button size="xs" variant="default" onClick={onBack} data-testid="view-back">
          {t("versions.backToDraft")}
        </Button>
      </Group>
    </div>
  );
}

function EmptyCanvasHint() {
  const { t } = useTranslation();
  return (
    <div className="vf-canvas-hint" data-testid="canvas-empty">
      <Text fw={700}>{t("canvas.emptyTitle")}</Text>
      <Text size="sm" c="dimmed">
        {t("canvas.emptyText")}
      </Text>
    </div>
  );
}
