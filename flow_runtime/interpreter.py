"""Walks a published flow graph on one call: from start, run the node's executor, follow the edge of the
output it returns, until a node hangs up, an output leads nowhere, or a limit is hit.

A graph is prepared once per published version (parameters validated, edges indexed), so a call pays
only for walking it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from flow_runtime.context import CallContext, NodeError, TraceStep
from flow_runtime.executors import EXECUTORS
from flow_runtime.graph import FlowGraph
from flow_runtime.nodes.registry import NODE_TYPES
from flow_runtime.simulation import CURRENT_NODE_VARIABLE
from flow_runtime.telephony.port import CallerHungUp, TelephonyError

log = logging.getLogger(__name__)

MAX_STEPS = 1_000  # loop guard: a flow that keeps the caller this long without ending is broken
ERROR_ANNOUNCEMENT = {"ru": "Извините, произошла ошибка. До свидания.", "en": "Sorry, an error occurred. Goodbye."}


class EndReason(StrEnum):
    completed = "completed"  # an output led nowhere, or a hangup node ran
    caller_hangup = "caller_hangup"
    step_limit = "step_limit"
    max_duration = "max_duration"
    error = "error"


class GraphNotRunnable(Exception):
    """A graph that cannot run (no start, invalid parameters): published graphs never are."""


@dataclass(frozen=True)
class PreparedNode:
    id: str
    type: str
    params: Any


class PreparedGraph:
    def __init__(self, graph: FlowGraph) -> None:
        self.nodes: dict[str, PreparedNode] = {}
        for node in graph.nodes:
            declaration = NODE_TYPES.get(node.type)
            if declaration is None or node.type not in EXECUTORS:
                raise GraphNotRunnable(f"node {node.id}: no executor for type {node.type}")
            self.nodes[node.id] = PreparedNode(node.id, node.type, declaration.model_validate(node.params))
        self.next: dict[tuple[str, str], str] = {(e.source, e.sourceHandle): e.target for e in graph.edges}
        starts = [n.id for n in graph.nodes if n.type == "start"]
        if len(starts) != 1:
            raise GraphNotRunnable("a flow needs exactly one start node")
        self.start = starts[0]


class Interpreter:
    def __init__(self, max_steps: int = MAX_STEPS, max_duration_seconds: float = 4 * 3600) -> None:
        self.max_steps = max_steps
        self.max_duration = max_duration_seconds

    async def run(self, graph: PreparedGraph, ctx: CallContext) -> EndReason:
        """Runs the call to its end and leaves no channel up."""
        steps = 0

        async def run_subgraph(subgraph: FlowGraph, sub_ctx: CallContext) -> None:
            nonlocal steps
            steps = await self._walk(PreparedGraph(subgraph), sub_ctx, steps)

        ctx.run_graph = run_subgraph
        try:
            async with asyncio.timeout(self.max_duration):
                await self._walk(graph, ctx, 0)
            reason = EndReason.completed
        except CallerHungUp:
            return EndReason.caller_hangup
        except StepLimit:
            log.warning("call %s: step limit %d reached", ctx.call_id, self.max_steps)
            reason = EndReason.step_limit
        except TimeoutError:
            reason = EndReason.max_duration
        except UnhandledNodeError:
            reason = EndReason.error
        except TelephonyError as exc:
            log.warning("call %s: telephony error: %s", ctx.call_id, exc)
            reason = EndReason.error
        await ctx.channel.hangup()
        return reason

    async def _walk(self, graph: PreparedGraph, ctx: CallContext, steps: int) -> int:
        node_id: str | None = graph.start
        while node_id is not None:
            steps += 1
            if steps > self.max_steps:
                raise StepLimit()
            node = graph.nodes[node_id]
            step = TraceStep(node.id, node.type, ctx.now())
            ctx.trace.append(step)
            if ctx.announce_nodes:
                await ctx.channel.set_variable(CURRENT_NODE_VARIABLE, node.id)
            try:
                output = await EXECUTORS[node.type](node.params, ctx)
            except NodeError as exc:
                step.error = exc.message["en"]
                if (node.id, "error") not in graph.next:
                    await self._announce_error(ctx)
                    raise UnhandledNodeError(str(exc)) from exc
                output = "error"
            step.output = output
            step.dtmf = ctx.variables.get("call", {}).get("last_dtmf")
            node_id = graph.next.get((node.id, output)) if output else None
        return steps

    @staticmethod
    async def _announce_error(ctx: CallContext) -> None:
        try:
            text = ERROR_ANNOUNCEMENT.get(ctx.tenant.locale, ERROR_ANNOUNCEMENT["en"])
            await ctx.channel.play([await ctx.services.speak(text, ctx.tenant.locale, None)])
        except (TelephonyError, NodeError):
            pass  # the announcement is a courtesy; the call ends either way


class StepLimit(Exception):
    pass


class UnhandledNodeError(Exception):
    pass
