"""What an executor sees of the call it serves: the channel, the variables, the tenant and the services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from flow_runtime.expressions import ExpressionError, evaluate, render_template
from flow_runtime.graph import FlowGraph
from flow_runtime.telephony.port import CallChannel


class NodeError(Exception):
    """A node could not do its work; the interpreter follows the node's `error` output if it has one.
    The message is kept in both languages for the call trace; ``str()`` is the English one."""

    def __init__(self, en: str, ru: str | None = None) -> None:
        super().__init__(en)
        self.message = {"en": en, "ru": ru or en}

    def __str__(self) -> str:
        return self.message["en"]


@dataclass(frozen=True)
class TenantInfo:
    id: str
    slug: str
    name: str
    timezone: str
    locale: str
    allowed_http_hosts: tuple[str, ...] = ()


@dataclass
class CallResult:
    """The outcome a flow records (set_result), e.g. a campaign's confirmation."""

    outcome: str
    label: str | None = None
    value: str | None = None


class RuntimeServices(Protocol):
    """The runtime's shared services, reached by executors through the context."""

    def now(self) -> datetime: ...

    async def speak(self, text: str, language: str, voice: str | None) -> str:
        """A media URI that plays ``text`` spoken (synthesised and cached)."""

    def audio_media(self, tenant_id: str, audio_id: str) -> str:
        """The media URI of an audio-library recording."""

    async def http_request(self, tenant: TenantInfo, method: str, url: str, headers: dict[str, str],
                           body: str | None, timeout: float) -> "HttpResponse": ...

    async def file_callback(self, tenant: TenantInfo, call_id: str, number: str, note: str | None) -> None: ...

    async def load_subflow(self, tenant: TenantInfo, flow_id: str) -> FlowGraph:
        """The published graph of another flow of the tenant (NodeError if it has none)."""

    async def save_recording(self, tenant: TenantInfo, call_id: str, name: str) -> str:
        """Moves a finished recording into the tenant's storage; returns its reference."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: Any  # parsed JSON, or text when not JSON


class HttpTimeout(NodeError):
    pass


@dataclass
class TraceStep:
    node_id: str
    node_type: str
    started_at: datetime
    output: str | None = None
    dtmf: str | None = None
    error: str | None = None


@dataclass
class CallContext:
    call_id: str
    channel: CallChannel
    tenant: TenantInfo
    services: RuntimeServices
    variables: dict[str, dict[str, Any]] = field(default_factory=dict)
    result: CallResult | None = None
    trace: list[TraceStep] = field(default_factory=list)
    subflow_depth: int = 0
    announce_nodes: bool = False  # test calls: tell the PBX each node as it starts, for the simulator
    # Runs another graph on this call (set by the interpreter; used by the subflow executor).
    run_graph: Callable[[FlowGraph, "CallContext"], Awaitable[None]] | None = None

    def now(self) -> datetime:
        return self.services.now()

    def render(self, text: str) -> str:
        try:
            return render_template(text, self.variables)
        except ExpressionError as exc:
            raise NodeError(exc.message["en"], exc.message["ru"]) from None

    def evaluate(self, expression: str) -> Any:
        try:
            return evaluate(expression, self.variables)
        except ExpressionError as exc:
            raise NodeError(exc.message["en"], exc.message["ru"]) from None

    def set_flow_variable(self, name: str, value: Any) -> None:
        self.variables.setdefault("flow", {})[name] = value
