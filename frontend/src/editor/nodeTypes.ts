// xyflow node components by catalog type. Every type is listed on purpose: a type the catalog
// gains fails src/catalog/form.test.ts until it is added here (it still renders with StepNode).
import type { NodeTypes } from "@xyflow/react";
import { EntryNode, StepNode } from "./NodeCard";

export const NODE_COMPONENTS: NodeTypes = {
  start: EntryNode,
  answer: StepNode,
  play: StepNode,
  say: StepNode,
  menu: StepNode,
  collect: StepNode,
  record: StepNode,
  set_variable: StepNode,
  condition: StepNode,
  switch: StepNode,
  time_condition: StepNode,
  caller_match: StepNode,
  http_request: StepNode,
  transfer: StepNode,
  queue: StepNode,
  callback_request: StepNode,
  set_result: StepNode,
  subflow: StepNode,
  hangup: StepNode,
};

/** The registry plus any type it lacks, so an unexpected type still shows as a card. */
export function nodeTypesFor(types: string[]): NodeTypes {
  const missing = types.filter((type) => !(type in NODE_COMPONENTS));
  return missing.length === 0 ? NODE_COMPONENTS : { ...NODE_COMPONENTS, ...Object.fromEntries(missing.map((type) => [type, StepNode])) };
}
