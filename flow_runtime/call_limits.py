"""Per-tenant concurrent-call limits shared by every runtime process, in Redis.

Each live call is a member of a sorted set scored by its lease expiry; a Lua script drops expired
members, counts, and admits the call atomically. A runtime process that dies without cleaning up cannot
leak capacity: its calls' leases simply expire.
"""

from __future__ import annotations

import time

from redis.asyncio import Redis

LEASE_SECONDS = 120

_ADMIT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class CallLimiter:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._admit = redis.register_script(_ADMIT)

    @staticmethod
    def _key(tenant_id: str) -> str:
        return f"active_calls:{tenant_id}"

    async def admit(self, tenant_id: str, call_id: str, limit: int) -> bool:
        now = time.time()
        admitted = await self._admit(keys=[self._key(tenant_id)],
                                     args=[now, limit, now + LEASE_SECONDS, call_id, LEASE_SECONDS * 2])
        return bool(admitted)

    async def renew(self, tenant_id: str, call_ids: list[str]) -> None:
        if call_ids:
            await self._redis.zadd(self._key(tenant_id), {c: time.time() + LEASE_SECONDS for c in call_ids}, xx=True)

    async def release(self, tenant_id: str, call_id: str) -> None:
        await self._redis.zrem(self._key(tenant_id), call_id)

    async def active(self, tenant_id: str) -> int:
        return await self._redis.zcount(self._key(tenant_id), time.time(), "+inf")

    async def count_refusal(self, tenant_id: str, reason: str) -> None:
        await self._redis.hincrby(f"refused_calls:{tenant_id}", reason, 1)
