"""The runtime: answers calls the ARI adapter hands over — routes them, admits them under the tenant's
limit, runs the published flow, and records the call."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import UTC, datetime

from redis.asyncio import Redis

from flow_runtime.call_limits import CallLimiter
from flow_runtime.call_records import CallRecord, RecordWriter, TraceEntry
from flow_runtime.context import CallContext, RuntimeServices
from flow_runtime.interpreter import EndReason, Interpreter
from flow_runtime.routing import Refusal, Route, Router, load_published_flow
from flow_runtime.simulation import SIMULATION_ARG
from flow_runtime.telephony.ari_call import AriCall

log = logging.getLogger(__name__)
LEASE_RENEW_SECONDS = 60
PEER_LEG_ARG = "peer"  # Stasis argument of the legs the runtime originates itself (transfers)
DIALER_ARG = "dialer"  # Stasis argument of the dialer's calls: dialer,<attempt id>


def _at(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if timestamp else None


class FlowRuntime:
    def __init__(self, redis: Redis, services: RuntimeServices, *, interpreter: Interpreter | None = None) -> None:
        self.redis = redis
        self.router = Router(load_published_flow)
        self.limiter = CallLimiter(redis)
        self.services = services
        self.interpreter = interpreter or Interpreter()
        self.records = RecordWriter()
        self.refused: dict[str, int] = defaultdict(int)
        self._live: dict[str, set[str]] = defaultdict(set)  # tenant id → call ids, for lease renewal

    async def handle_call(self, call: AriCall, args: list[str], event: dict) -> None:
        if args[:1] == [PEER_LEG_ARG]:
            return  # a leg we originated whose owner is gone: nothing to run
        if args[:1] == [DIALER_ARG]:
            # A campaign call answered after the process that placed it went away: nobody runs its flow
            # (recovery records the attempt); do not leave the callee in silence.
            await call.hangup()
            return
        started = datetime.now(UTC)
        simulated = args[:1] == [SIMULATION_ARG]
        contact: dict = {}
        if simulated:
            found = await self.router.simulation(self.redis, args[1] if len(args) > 1 else "")
            route, contact = found if isinstance(found, tuple) else (found, {})
        else:
            route = await self.router.route(call.info)
        if isinstance(route, Refusal):
            await self._refuse(call, route, None)
            return
        call_id = call.info.channel_id
        if not await self.limiter.admit(route.tenant.id, call_id, route.max_concurrent_calls):
            await self._refuse(call, Refusal.over_call_limit, route.tenant.id)
            return
        self._live[route.tenant.id].add(call_id)
        ctx = CallContext(call_id=call_id, channel=call, tenant=route.tenant, services=self.services, variables={
            "call": {"caller": call.info.caller, "caller_name": call.info.caller_name, "dialed": call.info.dialed,
                     "channel": call_id, "direction": "inbound", "started_at": started.isoformat()},
            "tenant": {"id": route.tenant.id, "name": route.tenant.name, "timezone": route.tenant.timezone},
            "flow": {}, "contact": contact,
        }, announce_nodes=simulated)
        reason = EndReason.error
        try:
            reason = await self.interpreter.run(route.graph, ctx)
        finally:
            self._live[route.tenant.id].discard(call_id)
            await self.limiter.release(route.tenant.id, call_id)
            self.records.add(self._record(route, ctx, call, started, reason, "test" if simulated else "inbound"))

    async def _refuse(self, call: AriCall, reason: Refusal, tenant_id: str | None) -> None:
        log.warning("refusing call %s from %s to %s: %s", call.info.channel_id, call.info.caller,
                    call.info.dialed, reason.value)
        self.refused[reason.value] += 1
        if tenant_id:
            await self.limiter.count_refusal(tenant_id, reason.value)
        await call.hangup("congestion")

    @staticmethod
    def _record(route: Route, ctx: CallContext, call: AriCall, started: datetime, reason: EndReason,
                direction: str) -> CallRecord:
        return CallRecord(
            tenant_id=route.tenant.id, flow_id=route.flow_id, flow_version=route.flow_version or None,
            direction=direction,
            channel_id=call.info.channel_id, caller=call.info.caller, dialed=call.info.dialed, started_at=started,
            answered_at=_at(call.answered_at), ended_at=datetime.now(UTC), end_reason=reason.value,
            hangup_cause=call.hangup_cause,
            result=vars(ctx.result) if ctx.result else None, variables={"flow": ctx.variables.get("flow", {})},
            trace=[TraceEntry(node_id=s.node_id, node_type=s.node_type, at=s.started_at, output=s.output,
                              dtmf=s.dtmf, error=s.error) for s in ctx.trace],
        )

    async def renew_leases(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), LEASE_RENEW_SECONDS)
            except TimeoutError:
                for tenant_id, call_ids in list(self._live.items()):
                    await self.limiter.renew(tenant_id, list(call_ids))
