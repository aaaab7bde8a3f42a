"""One attempt: originate to the contact's number, wait for the outcome, run the campaign's flow on an
answered call with ``contact.*`` set, and turn what happened into the attempt's record and the contact's
next state."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bson import ObjectId

from flow_runtime.call_records import CallRecord, TraceEntry
from flow_runtime.context import CallContext, TenantInfo
from flow_runtime.dialer.campaigns import CampaignEntry
from flow_runtime.dialer.classify import classify
from flow_runtime.dialer.clock import to_datetime
from flow_runtime.dialer.policy import after_attempt
from flow_runtime.dialer.schedule import Release, score
from flow_runtime.dialer.store import Finish, due_at, priority_of
from flow_runtime.dialer.success import is_success
from flow_runtime.interpreter import EndReason, PreparedGraph
from flow_runtime.outbound.models import AttemptOutcome, Campaign, ContactStatus
from flow_runtime.telephony.port import OriginationProgress, OutboundCall

log = logging.getLogger(__name__)
_VARIABLE_NAME = re.compile(r"[^A-Za-z0-9_]")
MAX_VARIABLE_LENGTH = 256


@dataclass(eq=False)
class LiveAttempt:
    attempt_id: ObjectId
    entry: CampaignEntry
    contact: dict  # the contact document as claimed
    phone: str
    phone_index: int
    attempts: int  # the contact's attempts, this one included
    number_attempts: list[int]  # likewise, per number
    channel_id: str
    call: OutboundCall | None = None
    task: asyncio.Task | None = None
    lost: bool = False  # another process took the lease over: it records this attempt
    finishing: bool = False  # the result is queued for writing
    recordings: list[str] = field(default_factory=list)

    @property
    def contact_id(self) -> str:
        return str(self.contact["_id"])

    @property
    def campaign(self) -> Campaign:
        return self.entry.campaign

    def release(self, due: float | None = None) -> Release:
        """The end of this attempt's lease; ``due``: the contact is due again then (None: not at all)."""
        return Release(str(self.campaign.id), self.campaign.tenant_id, self.entry.trunk, self.contact_id,
                       due, priority_of(self.contact))


def channel_variables(campaign_id: str, attempt_id: str, contact: dict) -> dict[str, str]:
    """Channel variables of the originated call (for the dialplan, CDRs and the carrier): our ids and the
    contact's variables as ``VOXFLOW_CONTACT_<NAME>`` — never under names of their own, which could be
    Asterisk's functions."""
    variables = {"VOXFLOW_CAMPAIGN": campaign_id, "VOXFLOW_ATTEMPT": attempt_id,
                 "VOXFLOW_CONTACT": str(contact["_id"])}
    for name, value in (contact.get("variables") or {}).items():
        if value is not None and not isinstance(value, (dict, list)):
            key = "VOXFLOW_CONTACT_" + _VARIABLE_NAME.sub("_", str(name)).upper()[:64]
            variables[key] = str(value)[:MAX_VARIABLE_LENGTH]
    return variables


def contact_variables(contact: dict, phone: str) -> dict[str, Any]:
    """``contact.*`` in the flow: the contact's own variables, and its name, phone being dialled and ids."""
    return {"name": contact.get("name") or "", "external_id": contact.get("external_id"),
            **(contact.get("variables") or {}), "phone": phone, "phones": list(contact.get("phones") or []),
            "id": str(contact["_id"])}


class AttemptServices:
    """The runtime's services for one answered call, remembering the recordings the flow made."""

    def __init__(self, services, recordings: list[str]) -> None:
        self._services = services
        self._recordings = recordings

    def __getattr__(self, name: str):
        return getattr(self._services, name)

    async def save_recording(self, tenant: TenantInfo, call_id: str, name: str) -> str:
        reference = await self._services.save_recording(tenant, call_id, name)
        self._recordings.append(reference)
        return reference


@dataclass
class FlowRun:
    ctx: CallContext
    reason: EndReason
    started: datetime


async def run_flow(live: LiveAttempt, graph: PreparedGraph, tenant: TenantInfo, runtime, caller_id: str) -> FlowRun:
    started = datetime.now(UTC)
    call = live.call
    ctx = CallContext(call_id=live.channel_id, channel=call, tenant=tenant,
                      services=AttemptServices(runtime.services, live.recordings), variables={
        "call": {"caller": caller_id, "caller_name": "", "dialed": live.phone, "channel": live.channel_id,
                 "direction": "outbound", "started_at": started.isoformat()},
        "tenant": {"id": tenant.id, "name": tenant.name, "timezone": tenant.timezone},
        "flow": {}, "contact": contact_variables(live.contact, live.phone),
    })
    return FlowRun(ctx, await runtime.interpreter.run(graph, ctx), started)


def call_record(live: LiveAttempt, run: FlowRun) -> CallRecord:
    ctx, call = run.ctx, live.call
    return CallRecord(
        tenant_id=live.campaign.tenant_id, flow_id=live.campaign.flow_id, flow_version=live.campaign.flow_version,
        direction="outbound", channel_id=live.channel_id, caller=ctx.variables["call"]["caller"], dialed=live.phone,
        started_at=run.started, answered_at=to_datetime(call.answered_at), ended_at=datetime.now(UTC),
        end_reason=run.reason.value, hangup_cause=call.hangup_cause,
        result=vars(ctx.result) if ctx.result else None, variables={"flow": ctx.variables.get("flow", {})},
        trace=[TraceEntry(node_id=s.node_id, node_type=s.node_type, at=s.started_at, output=s.output,
                          dtmf=s.dtmf, error=s.error) for s in ctx.trace])


def result_of(live: LiveAttempt, progress: OriginationProgress, outcome: AttemptOutcome, run: FlowRun | None,
              ended_at: float) -> Finish:
    """The attempt's record and the contact's next state, conditional on the contact still being ours."""
    campaign = live.campaign
    flow_result = run.ctx.result.outcome if run and run.ctx.result else None
    talk = ended_at - progress.answered_at if progress.answered_at is not None and progress.answered else None
    succeeded = outcome == AttemptOutcome.answered and is_success(
        campaign.success_rule, flow_result=flow_result, dtmf=progress.dtmf, talk_seconds=talk)
    following = after_attempt(campaign, attempts=live.attempts, number_attempts=live.number_attempts,
                              phone_index=live.phone_index, outcome=outcome, succeeded=succeeded, ended_at=ended_at,
                              previous_next_attempt_at=due_at(live.contact))
    attempt_set = {
        "ringing_at": to_datetime(progress.ringing_at), "answered_at": to_datetime(progress.answered_at)
        if progress.answered else None, "ended_at": to_datetime(ended_at),
        "duration_seconds": round(ended_at - progress.originated_at, 3),
        "talk_seconds": round(talk, 3) if talk is not None else None, "outcome": outcome.value,
        "hangup_cause": progress.cause, "dialstatus": progress.dialstatus, "dtmf": progress.dtmf,
        "flow_result": flow_result, "recording": live.recordings[-1] if live.recordings else None,
        "succeeded": succeeded, "flow_end_reason": run.reason.value if run else None, "error": progress.error,
    }
    contact_set = {"status": following.status.value, "next_phone": following.next_phone,
                   "next_attempt_at": to_datetime(following.next_attempt_at), "last_outcome": outcome.value,
                   "current_attempt_id": None}
    if outcome == AttemptOutcome.answered:
        contact_set["result"] = flow_result
    again = following.status == ContactStatus.pending
    return Finish(release=live.release(score(following.next_attempt_at) if again else None),
                  contact_filter={"status": ContactStatus.in_progress.value,
                                  "current_attempt_id": str(live.attempt_id)},
                  contact_set=contact_set, attempt_id=live.attempt_id, attempt_set=attempt_set)


async def originate(live: LiveAttempt, telephony, *, endpoint: str, app_args: list[str], now) -> bool:
    """One request to the PBX; False when it refused."""
    campaign = live.campaign
    live.call = await telephony.originate(
        channel_id=live.channel_id, endpoint=endpoint, caller_id=campaign.caller_id or None,
        timeout=campaign.ring_timeout, variables=channel_variables(str(campaign.id), str(live.attempt_id),
                                                                   live.contact),
        app_args=app_args, now=now)
    if live.call.progress.error is not None:
        log.warning("dialer: originate to %s failed: %s", endpoint, live.call.progress.error)
        return False
    return True


async def await_answer(live: LiveAttempt, grace: float) -> bool:
    """True when answered (the flow runs next); stops a call that rings past the ring timeout."""
    campaign = live.campaign
    if await live.call.wait_answered(campaign.ring_timeout + grace):
        return True
    if live.call.progress.ended_at is None:
        await live.call.cancel(campaign_cancelled=False)  # rang past the timeout without news from the PBX
    return False


def outcome_of(live: LiveAttempt) -> AttemptOutcome:
    return classify(live.call.progress)
