"""How the API tells the dialer that a campaign changed (started, paused, resumed, cancelled, edited) or
that contacts became due (an ad-hoc task, "call now"). The dialer also re-reads the database on its own,
so a lost signal only delays work, never loses it.

``campaign_changed`` bumps the campaign's version in Redis before announcing it: a dialer claims contacts
only for the version it read the campaign at, so once this returns no process starts a call on the
campaign's old state (a pause stops new originations at once). ``contacts_due`` puts the contacts on the
dialer's schedule itself (from the database, which the caller has written)."""

from __future__ import annotations

import json

from bson import ObjectId
from redis.asyncio import Redis

from flow_runtime.dialer.schedule import Schedule, version_key
from flow_runtime.dialer.store import contact_score, contacts, priority_of

CHANNEL = "voxflow:dialer:signals"


async def campaign_changed(redis: Redis, campaign_id: str) -> None:
    await redis.incr(version_key(campaign_id))
    await redis.publish(CHANNEL, json.dumps({"campaign_id": campaign_id}))


async def contacts_due(redis: Redis, campaign_id: str, contact_ids: list[str]) -> None:
    ids = [ObjectId(i) for i in contact_ids if ObjectId.is_valid(i)]
    if ids:
        found = await contacts().find({"_id": {"$in": ids}, "campaign_id": campaign_id, "status": "pending"},
                                      {"priority": 1, "next_attempt_at": 1, "not_before": 1}).to_list(None)
        await Schedule(redis).schedule(campaign_id, [(str(doc["_id"]), contact_score(doc), priority_of(doc))
                                                     for doc in found])
    await redis.publish(CHANNEL, json.dumps({"campaign_id": campaign_id, "contact_ids": contact_ids}))
