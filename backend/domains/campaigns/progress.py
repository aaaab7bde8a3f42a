"""Where a campaign stands: contacts by status, success rate and the last attempts from the database (the
record the dialer keeps); calls in progress and attempts in the last minute from the dialer's live feed in
Redis (every runtime process writes it). The campaign page gets it pushed over a WebSocket about once a
second, or polls it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from beanie import Document
from bson import ObjectId
from redis.asyncio import Redis

from backend.domains.campaigns.schemas import AttemptOut
from backend.repository import TenantScope
from backend.schemas import ResponseModel
from flow_runtime.dialer.progress import attempts_last_minute, live_calls
from flow_runtime.outbound.models import Campaign, CampaignAttempt, CampaignContact, ContactStatus
from tenants.documents import utcnow

LIVE_CALLS_SHOWN = 50
RECENT_ATTEMPTS = 20
FINISHED = (ContactStatus.succeeded, ContactStatus.failed, ContactStatus.out_of_attempts)


class LiveCall(ResponseModel):
    campaign_contact_id: str
    name: str
    phone: str
    state: str  # ringing | answered
    since: datetime | None


class CampaignProgress(ResponseModel):
    campaign_id: str
    state: str
    total: int
    counts: dict[str, int]
    attempts_total: int
    attempts_last_minute: int
    success_rate: float | None  # succeeded among contacts with a final outcome (suppressed not counted)
    live_calls: list[LiveCall]
    recent_attempts: list[AttemptOut]
    at: datetime


async def count_by(model: type[Document], match: dict[str, Any], field: str, keys: Iterable[str]) -> dict[str, int]:
    """How many documents matching ``match`` have each of ``keys`` in ``field`` (0 for the absent ones),
    in one aggregation."""
    counts = dict.fromkeys(map(str, keys), 0)
    async for row in await model.get_pymongo_collection().aggregate(
            [{"$match": match}, {"$group": {"_id": f"${field}", "n": {"$sum": 1}}}]):
        if row["_id"] in counts:
            counts[row["_id"]] = row["n"]
    return counts


def success_rate(counts: dict[str, int]) -> float | None:
    """Succeeded among contacts with a final outcome (suppressed ones were never called)."""
    finished = sum(counts[status] for status in FINISHED)
    return counts[ContactStatus.succeeded] / finished if finished else None


async def contact_counts(scope: TenantScope, campaign_ids: list[str]) -> dict[str, dict[str, int]]:
    """Contacts by status for each campaign, in one aggregation."""
    pipeline = [{"$match": {"tenant_id": scope.tenant_id, "campaign_id": {"$in": campaign_ids}}},
                {"$group": {"_id": {"campaign": "$campaign_id", "status": "$status"}, "n": {"$sum": 1}}}]
    result: dict[str, dict[str, int]] = {cid: {s.value: 0 for s in ContactStatus} for cid in campaign_ids}
    async for row in await CampaignContact.get_pymongo_collection().aggregate(pipeline):
        result[row["_id"]["campaign"]][row["_id"]["status"]] = row["n"]
    return result


async def campaign_progress(scope: TenantScope, campaign: Campaign, redis: Redis) -> CampaignProgress:
    campaign_id = str(campaign.id)
    scoped = {"tenant_id": scope.tenant_id, "campaign_id": campaign_id}
    counts = await count_by(CampaignContact, scoped, "status", ContactStatus)
    attempts = CampaignAttempt.get_pymongo_collection()
    now = utcnow()
    return CampaignProgress(
        campaign_id=campaign_id, state=campaign.state, total=sum(counts.values()), counts=counts,
        attempts_total=await attempts.count_documents(scoped),
        attempts_last_minute=await attempts_last_minute(redis, campaign_id),
        success_rate=success_rate(counts),
        live_calls=await _live_calls(redis, scoped),
        recent_attempts=[AttemptOut.of(a) for a in await CampaignAttempt.find(scoped).sort("-_id")
                         .limit(RECENT_ATTEMPTS).to_list()],
        at=now)


async def _live_calls(redis: Redis, scoped: dict[str, Any]) -> list[LiveCall]:
    calls = (await live_calls(redis, scoped["campaign_id"]))[:LIVE_CALLS_SHOWN]
    ids = [ObjectId(call["contact_id"]) for call in calls]
    names = {str(doc["_id"]): doc.get("name", "") async for doc in CampaignContact.get_pymongo_collection().find(
        {**scoped, "_id": {"$in": ids}}, {"name": 1})}
    return [LiveCall(campaign_contact_id=call["contact_id"], name=names.get(call["contact_id"], ""), phone=call["phone"],
                     state=call["state"], since=datetime.fromisoformat(call["since"])) for call in calls]
