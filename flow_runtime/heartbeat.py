"""Runtime processes announce themselves in Redis, so the provider's health screen can list them with
their ARI connection state; a process that stops announcing disappears when its key expires."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import time

from redis.asyncio import Redis

HEARTBEAT_SECONDS = 10
KEY_PREFIX = "runtime_process:"


def process_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def announce(redis: Redis, state: dict) -> None:
    await redis.set(KEY_PREFIX + process_id(), json.dumps({**state, "at": time.time()}), ex=HEARTBEAT_SECONDS * 3)


async def run_heartbeat(redis: Redis, describe, stop: asyncio.Event) -> None:
    """Announces ``describe()`` every few seconds until ``stop``; the key is removed on a clean stop."""
    try:
        while not stop.is_set():
            await announce(redis, describe())
            try:
                await asyncio.wait_for(stop.wait(), HEARTBEAT_SECONDS)
            except TimeoutError:
                pass
    finally:
        await redis.delete(KEY_PREFIX + process_id())


async def live_processes(redis: Redis) -> list[dict]:
    processes = []
    async for key in redis.scan_iter(match=KEY_PREFIX + "*", count=100):
        raw = await redis.get(key)
        if raw:
            processes.append({"id": key.decode()[len(KEY_PREFIX):], **json.loads(raw)})
    return sorted(processes, key=lambda p: p["id"])
