// A block on the canvas: icon, name, its key parameters, one labelled handle per output.
// Memoised and subscribed only to its own decoration, so a 500-node flow stays responsive.
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from "@xyflow/react";
import { memo, useContext, useEffect, useMemo, useRef } from "react";
import { spriteId } from "./NodeIconSprite";
import { computePorts, uniquePorts } from "../catalog/outputs";
import { summarize, summaryHasRefs } from "../catalog/summary";
import { pick, useLocale } from "../i18n";
import { CompactContext, useEditor } from "./context";
import type { FlowNode } from "./graph";
import { NO_REF_NAMES, type EditorState } from "./store";

const COMPACT_FIRST_HANDLE = 20;
const COMPACT_HANDLE_STEP = 12;

/** Space-separated classes for what is drawn over a node: a diff status, or issues and the simulator's path. */
export function nodeDecoration(state: EditorState, id: string): string {
  if (state.overlay) return state.overlay.nodes[id] ? `vf-diff-${state.overlay.nodes[id]}` : "";
  const issue = state.nodeIssues[id];
  const { simulation } = state;
  const sim = simulation.active === id ? "vf-sim-active" : simulation.visited[id] ? "vf-sim-visited" : "";
  return [issue ? `vf-issue-${issue}` : "", sim].filter(Boolean).join(" ");
}

function NodeCard({ id, type, data, selected, hasInput }: NodeProps<FlowNode> & { hasInput: boolean }) {
  const locale = useLocale();
  const catalog = useEditor((state) => state.catalog);
  const decoration = useEditor((state) => nodeDecoration(state, id));
  const updateNodeInternals = useUpdateNodeInternals();
  const entry = catalog.byType.get(type);
  const form = catalog.forms.get(type);

  // Only cards that mention a recording or a flow follow the names as they load.
  const mentionsRefs = useMemo(() => Boolean(entry && form && summaryHasRefs(entry, form, data)), [entry, form, data]);
  const refNames = useEditor((state) => (mentionsRefs ? state.refNames : NO_REF_NAMES));
  const ports = useMemo(() => (entry ? uniquePorts(computePorts(entry, data)) : []), [entry, data]);
  const compact = useContext(CompactContext);
  const lines = useMemo(
    () => (entry && form && !compact ? summarize(entry, form, data, locale, refNames) : []),
    [entry, form, data, locale, refNames, compact],
  );
  // xyflow measures handles when a node mounts; when outputs come and go later (or the card
  // switches between compact and full), it must measure them again.
  const handles = (compact ? "compact:" : "full:") + ports.map((port) => port.name).join("\u0000");
  const measuredHandles = useRef(handles);
  useEffect(() => {
    if (measuredHandles.current === handles) return;
    measuredHandles.current = handles;
    updateNodeInternals(id);
  }, [handles, id, updateNodeInternals]);

  const title = entry ? pick(entry.title, locale) : type;
  const label = typeof data.label === "string" && data.label ? data.label : title;

  const className = `vf-node vf-cat-${entry?.category ?? "unknown"} ${selected ? "vf-selected" : ""} ${decoration}`;
  const head = (
    <div className="vf-node-head">
      <svg className="vf-node-icon" aria-hidden="true">
        <use href={`#${spriteId(entry?.icon ?? "")}`} />
      </svg>
      <div className="vf-node-label" data-type={label !== title ? title : undefined}>
        {label}
      </div>
    </div>
  );
  const input = hasInput ? <Handle type="target" position={Position.Left} className="vf-handle-in" /> : null;

  // Zoomed far out (a whole large flow in view) texts are unreadable: title and handles only.
  if (compact) {
    return (
      <div
        className={`${className} vf-compact`}
        style={{ minHeight: COMPACT_FIRST_HANDLE + ports.length * COMPACT_HANDLE_STEP }}
        data-testid={`node-${id}`}
        data-node-type={type}
        aria-label={`${title}: ${label}`}
      >
        {input}
        {head}
        {ports.map((port, index) => (
          <Handle
            key={port.name}
            type="source"
            position={Position.Right}
            id={port.name}
            className="vf-handle-out"
            style={{ top: COMPACT_FIRST_HANDLE + index * COMPACT_HANDLE_STEP }}
          />
        ))}
      </div>
    );
  }

  // Kept lean on purpose (a 500-block flow renders 500 of these): the icon is a <use> of the
  // sprite (NodeIconSprite), issue marks and line titles are CSS.
  return (
    <div className={className} data-testid={`node-${id}`} data-node-type={type} aria-label={`${title}: ${label}`}>
      {input}
      {head}
      {lines.length > 0 ? (
        <div className="vf-node-summary">
          {lines.map((line) => (
            <div key={line.field} className="vf-node-line" data-title={`${line.title}:`} title={`${line.title}: ${line.text}`}>
              {line.text}
            </div>
          ))}
        </div>
      ) : null}
      {ports.length > 0 ? (
        <div className="vf-node-outputs">
          {ports.map((port) => (
            <div key={port.name} className="vf-node-output" data-testid={`output-${id}-${port.name}`}>
              <span className="vf-node-output-label">{pick(port.label, locale)}</span>
              <Handle type="source" position={Position.Right} id={port.name} className="vf-handle-out" />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** Start: where the call enters, so it has no input. */
export const EntryNode = memo(function EntryNode(props: NodeProps<FlowNode>) {
  return <NodeCard {...props} hasInput={false} />;
});

export const StepNode = memo(function StepNode(props: NodeProps<FlowNode>) {
  return <NodeCard {...props} hasInput />;
});
