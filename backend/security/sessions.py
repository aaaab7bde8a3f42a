"""Browser sessions, kept in Redis.

The cookie holds a random token; Redis holds only its keyed hash, with the user id, the CSRF token and the
login time. A session ends after ``session_idle_seconds`` without requests, or ``session_max_age_seconds``
after login. Each user's session keys are indexed so that a password change, a disabled account or a
suspended tenant ends them all at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from redis.asyncio import Redis

from backend.security.tokens import TokenHasher, new_token

SESSION_COOKIE = "voxflow_session"
CSRF_COOKIE = "voxflow_csrf"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class Session:
    key: str
    user_id: str
    csrf_token: str
    created_at: float


class SessionStore:
    def __init__(self, redis: Redis, hasher: TokenHasher, idle_seconds: int, max_age_seconds: int) -> None:
        self._redis = redis
        self._hasher = hasher
        self._idle = idle_seconds
        self._max_age = max_age_seconds

    @staticmethod
    def _user_index(user_id: str) -> str:
        return f"user_sessions:{user_id}"

    async def create(self, user_id: str) -> tuple[str, Session]:
        token = new_token()
        session = Session(f"session:{self._hasher.digest(token)}", user_id, new_token(24), time.time())
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(session.key, mapping={
                "user_id": user_id, "csrf": session.csrf_token, "created_at": repr(session.created_at),
            })
            pipe.expire(session.key, self._idle)
            pipe.sadd(self._user_index(user_id), session.key)
            pipe.expire(self._user_index(user_id), self._max_age)
            await pipe.execute()
        return token, session

    async def get(self, token: str) -> Session | None:
        """The live session for a cookie token, its idle timer restarted; None when ended or unknown."""
        key = f"session:{self._hasher.digest(token)}"
        data = await self._redis.hgetall(key)
        if not data:
            return None
        session = Session(key, data[b"user_id"].decode(), data[b"csrf"].decode(), float(data[b"created_at"]))
        if time.time() - session.created_at > self._max_age:
            await self.end(session.key, session.user_id)
            return None
        await self._redis.expire(key, self._idle)
        return session

    async def end(self, key: str, user_id: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            pipe.srem(self._user_index(user_id), key)
            await pipe.execute()

    async def end_all_for_user(self, user_id: str, keep_key: str | None = None) -> int:
        index = self._user_index(user_id)
        keys = [k.decode() for k in await self._redis.smembers(index)]
        ended = [k for k in keys if k != keep_key]
        if ended:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.delete(*ended)
                pipe.srem(index, *ended)
                await pipe.execute()
        return len(ended)
