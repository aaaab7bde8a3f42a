"""How the API tells the dialer that a campaign changed (started, paused, resumed, cancelled, edited) or
that contacts became due (an ad-hoc task, "call now"). The dialer also re-reads the database on its own,
so a lost signal only delays work, never loses it."""

from __future__ import annotations

import json

from redis.asyncio import Redis

CHANNEL = "voxflow:dialer:signals"


async def campaign_changed(redis: Redis, campaign_id: str) -> None:
    await redis.publish(CHANNEL, json.dumps({"campaign_id": campaign_id}))


async def contacts_due(redis: Redis, campaign_id: str, contact_ids: list[str]) -> None:
    await redis.publish(CHANNEL, json.dumps({"campaign_id": campaign_id, "contact_ids": contact_ids}))
