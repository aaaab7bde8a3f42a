"""For the API's live progress feed: the calls of a campaign in progress right now and how many attempts
started in the last minute, across every runtime process (both read Redis only)."""

from __future__ import annotations

import asyncio
import json
import time

from redis.asyncio import Redis

from flow_runtime.dialer.schedule import live_key, recent_key


async def live_calls(redis: Redis, campaign_id: str) -> list[dict]:
    """``[{"contact_id", "attempt_id", "phone", "state": "ringing"|"answered", "since": ISO 8601 UTC,
    "runtime"}]``, oldest first. A call of a process that died stays listed until it is recovered (at most
    one lease period)."""
    calls = [json.loads(raw) for raw in (await redis.hgetall(live_key(campaign_id))).values()]
    return sorted(calls, key=lambda call: (call["since"], call["contact_id"]))


async def attempts_last_minute(redis: Redis, campaign_id: str) -> int:
    """Attempts originated during the last 60 seconds (real time)."""
    return await redis.zcount(recent_key(campaign_id), time.time() - 60, "+inf")


class LiveFeed:
    """The dialer's side: live-call entries and originate times, gathered and written in one pipeline per
    flush (a burst of answers is one round trip, not one each). The writer flushes it before it releases
    leases — releasing drops a contact's entry — so no entry outlives its call."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._entries: dict[tuple[str, str], str] = {}  # (campaign, contact) → JSON
        self._originated: dict[str, dict[str, float]] = {}  # campaign → attempt id → real time
        self._lock = asyncio.Lock()

    def call(self, campaign_id: str, contact_id: str, entry: dict) -> None:
        self._entries[(campaign_id, contact_id)] = json.dumps(entry)

    def originated(self, campaign_id: str, attempt_id: str) -> None:
        self._originated.setdefault(campaign_id, {})[attempt_id] = time.time()

    async def flush(self) -> None:
        async with self._lock:
            entries, self._entries = self._entries, {}
            originated, self._originated = self._originated, {}
            if not entries and not originated:
                return
            cutoff = time.time() - 60
            async with self._redis.pipeline(transaction=False) as pipe:
                for (campaign_id, contact_id), entry in entries.items():
                    pipe.hset(live_key(campaign_id), contact_id, entry)
                for campaign_id, attempts in originated.items():
                    pipe.zadd(recent_key(campaign_id), attempts)
                    pipe.zremrangebyscore(recent_key(campaign_id), "-inf", cutoff)
                    pipe.expire(recent_key(campaign_id), 120)
                await pipe.execute()
