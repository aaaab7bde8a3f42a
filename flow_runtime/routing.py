"""Inbound routing: from a StasisStart to the tenant and the published flow version that answers it.

Routes are cached briefly per dialed number, so a burst of calls to one number costs one look-up; a
changed binding or a suspension takes effect within ``ROUTE_CACHE_SECONDS``."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from enum import StrEnum

from bson import ObjectId
from pydantic import ValidationError

from flow_runtime.context import TenantInfo
from flow_runtime.flow_documents import Flow, FlowVersion
from flow_runtime.graph import FlowGraph
from flow_runtime.interpreter import GraphNotRunnable, PreparedGraph
from flow_runtime.simulation import simulation_key
from flow_runtime.telephony.port import CallInfo
from tenants.models import Tenant
from tenants.numbers import find_inbound_number

ROUTE_CACHE_SECONDS = 5.0


class Refusal(StrEnum):
    unknown_number = "unknown_number"
    no_published_flow = "no_published_flow"
    tenant_suspended = "tenant_suspended"
    over_call_limit = "over_call_limit"


@dataclass(frozen=True)
class Route:
    tenant: TenantInfo
    max_concurrent_calls: int
    flow_id: str
    flow_version: int
    graph: PreparedGraph


def dialed_number(info: CallInfo) -> tuple[str, str | None]:
    """The number the caller dialed and the tenant the dialplan named, from the Stasis arguments
    (``inbound,<exten>,...`` or ``extension,<exten>,tenant=<id>``; see asterisk-templates), else the
    channel's dialplan extension."""
    args = info.args
    tenant_id = next((a.split("=", 1)[1] for a in args if a.startswith("tenant=")), None)
    if len(args) >= 2 and args[0] in ("inbound", "extension"):
        return args[1], tenant_id
    return info.dialed, tenant_id


class Router:
    def __init__(self, flow_loader) -> None:
        self._load_flow = flow_loader  # (tenant_id, flow_id) → (version, FlowGraph) | None
        self._cache: dict[tuple[str, str | None], tuple[float, Route | Refusal]] = {}
        self._prepared: dict[tuple[str, int], PreparedGraph] = {}

    async def route(self, info: CallInfo) -> Route | Refusal:
        dialed, tenant_hint = dialed_number(info)
        key = (dialed, tenant_hint)
        cached = self._cache.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        decision = await self._resolve(dialed, tenant_hint)
        self._cache[key] = (time.monotonic() + ROUTE_CACHE_SECONDS, decision)
        return decision

    async def _resolve(self, dialed: str, tenant_hint: str | None) -> Route | Refusal:
        number = await find_inbound_number(dialed, tenant_hint)
        if number is None:
            return Refusal.unknown_number
        tenant = await Tenant.get(ObjectId(number.tenant_id))
        if tenant is None or not tenant.is_active:
            return Refusal.tenant_suspended
        if number.flow_id is None:
            return Refusal.no_published_flow
        loaded = await self._load_flow(number.tenant_id, number.flow_id)
        if loaded is None:
            return Refusal.no_published_flow
        version, graph = loaded
        prepared = self._prepared.get((number.flow_id, version))
        if prepared is None:
            prepared = self._prepared[(number.flow_id, version)] = PreparedGraph(graph)
        return _route(tenant, number.flow_id, version, prepared)

    async def simulation(self, redis, simulation_id: str) -> tuple[Route, dict] | Refusal:
        """The route of a test call from the editor's simulator: the flow's current draft, not cached (the
        draft changes with every edit), and the contact variables the tester entered."""
        raw = await redis.get(simulation_key(simulation_id)) if simulation_id else None
        if raw is None:
            return Refusal.unknown_number
        simulation = json.loads(raw)
        tenant = await Tenant.get(ObjectId(simulation["tenant_id"]))
        flow = await Flow.find_one({"_id": ObjectId(simulation["flow_id"]), "tenant_id": simulation["tenant_id"]})
        if tenant is None or not tenant.is_active:
            return Refusal.tenant_suspended
        try:
            prepared = PreparedGraph(FlowGraph.model_validate(flow.draft)) if flow else None
        except (GraphNotRunnable, ValidationError):
            prepared = None
        if prepared is None:
            return Refusal.no_published_flow
        return _route(tenant, str(flow.id), 0, prepared), simulation.get("variables", {})


def _route(tenant: Tenant, flow_id: str, version: int, graph: PreparedGraph) -> Route:
    info = TenantInfo(id=str(tenant.id), slug=tenant.slug, name=tenant.name, timezone=tenant.timezone,
                      locale=tenant.locale.value, allowed_http_hosts=tuple(tenant.allowed_http_hosts))
    return Route(info, tenant.limits.max_concurrent_calls, flow_id, version, graph)


async def load_published_flow(tenant_id: str, flow_id: str) -> tuple[int, FlowGraph] | None:
    """The current published version of a flow of the tenant."""
    try:
        flow = await Flow.find_one({"_id": ObjectId(flow_id), "tenant_id": tenant_id})
    except Exception:  # noqa: BLE001 - a malformed id is simply no flow
        return None
    if flow is None or flow.published_version is None:
        return None
    version = await FlowVersion.find_one({"tenant_id": tenant_id, "flow_id": flow_id, "version": flow.published_version})
    return (version.version, FlowGraph.model_validate(version.graph)) if version else None
