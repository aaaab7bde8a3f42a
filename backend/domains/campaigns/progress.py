"""Where a campaign stands, read from the database (the record the dialer keeps): contacts by status, calls
in progress, attempts in the last minute, success rate and the last attempts. The campaign page gets it
pushed over a WebSocket about once a second, or polls it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bson import ObjectId

from backend.domains.campaigns.schemas import AttemptOut
from backend.repository import TenantScope
from backend.schemas import ResponseModel
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


async def contact_counts(scope: TenantScope, campaign_ids: list[str]) -> dict[str, dict[str, int]]:
    """Contacts by status for each campaign, in one aggregation."""
    pipeline = [{"$match": {"tenant_id": scope.tenant_id, "campaign_id": {"$in": campaign_ids}}},
                {"$group": {"_id": {"campaign": "$campaign_id", "status": "$status"}, "n": {"$sum": 1}}}]
    result: dict[str, dict[str, int]] = {cid: {s.value: 0 for s in ContactStatus} for cid in campaign_ids}
    async for row in await CampaignContact.get_pymongo_collection().aggregate(pipeline):
        result[row["_id"]["campaign"]][row["_id"]["status"]] = row["n"]
    return result


async def campaign_progress(scope: TenantScope, campaign: Campaign) -> CampaignProgress:
    campaign_id = str(campaign.id)
    scoped = {"tenant_id": scope.tenant_id, "campaign_id": campaign_id}
    counts = (await contact_counts(scope, [campaign_id]))[campaign_id]
    attempts = CampaignAttempt.get_pymongo_collection()
    now = utcnow()
    finished = sum(counts[s] for s in FINISHED)
    return CampaignProgress(
        campaign_id=campaign_id, state=campaign.state, total=sum(counts.values()), counts=counts,
        attempts_total=await attempts.count_documents(scoped),
        attempts_last_minute=await attempts.count_documents({**scoped, "originated_at": {"$gte": now - timedelta(minutes=1)}}),
        success_rate=counts[ContactStatus.succeeded] / finished if finished else None,
        live_calls=await _live_calls(scoped),
        recent_attempts=[AttemptOut.of(a) for a in await CampaignAttempt.find(scoped).sort("-_id")
                         .limit(RECENT_ATTEMPTS).to_list()],
        at=now)


async def _live_calls(scoped: dict[str, Any]) -> list[LiveCall]:
    contacts = await CampaignContact.find({**scoped, "status": ContactStatus.in_progress}).limit(LIVE_CALLS_SHOWN).to_list()
    attempt_ids = [ObjectId(c.current_attempt_id) for c in contacts if c.current_attempt_id]
    open_attempts = {str(a.id): a for a in await CampaignAttempt.find({**scoped, "_id": {"$in": attempt_ids}}).to_list()}
    calls = []
    for contact in contacts:
        attempt = open_attempts.get(contact.current_attempt_id or "")
        answered = attempt is not None and attempt.answered_at is not None
        calls.append(LiveCall(
            campaign_contact_id=str(contact.id), name=contact.name,
            phone=attempt.phone if attempt else (contact.phones[contact.next_phone] if contact.phones else ""),
            state="answered" if answered else "ringing",
            since=(attempt.answered_at if answered else attempt.originated_at) if attempt else contact.last_attempt_at))
    return calls
