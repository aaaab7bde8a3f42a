"""Assembles one runtime process: database, Redis, TTS, guarded HTTP, the ARI adapter, the runtime and the
outbound dialer."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from redis.asyncio import Redis

from backend.db import connect_mongo, connect_redis
from backend.settings import Settings
from flow_runtime.dialer.config import DialerConfig, enabled_in as dialer_enabled
from flow_runtime.dialer.engine import Dialer
from flow_runtime.heartbeat import announce, run_heartbeat
from flow_runtime.http_guard import GuardedHttpClient
from flow_runtime.interpreter import Interpreter
from flow_runtime.runtime import FlowRuntime
from flow_runtime.services import RuntimeServicesImpl, SandboxMediaRegistry
from flow_runtime.telephony.ari_adapter import AriTelephony
from flow_runtime.tts.registry import build_tts_engine

log = logging.getLogger(__name__)


@dataclass
class RunningRuntime:
    runtime: FlowRuntime
    telephony: AriTelephony
    redis: Redis
    dialer: Dialer | None = None

    async def replace_dialer(self, config: DialerConfig | None) -> Dialer | None:
        """Stops this process's dialer (its live calls are recorded as interrupted) and starts one with
        ``config`` instead (none when None): how tests give it a clock they control."""
        if self.dialer is not None:
            await self.dialer.stop()
        self.dialer = None
        if config is not None:
            self.dialer = Dialer(self.redis, self.telephony, self.runtime, config)
            self.dialer.start()
        return self.dialer


def _dialer_config(dialer: DialerConfig | bool | None) -> DialerConfig | None:
    if isinstance(dialer, DialerConfig):
        return dialer
    if dialer is None:
        dialer = dialer_enabled()
    return DialerConfig.from_env() if dialer else None


@contextlib.asynccontextmanager
async def running_runtime(settings: Settings, *, sandbox_control: bool = False, connect_database: bool = True,
                          interpreter: Interpreter | None = None,
                          dialer: DialerConfig | bool | None = None) -> AsyncIterator[RunningRuntime]:
    """A connected runtime until the block ends. ``sandbox_control``: the PBX is our sandbox, which is
    told the text of synthesised prompts for its transcript. ``connect_database=False``: this process
    already connected the document models (the API and a runtime in one test process). ``dialer``: the
    outbound dialer's settings; None: on unless ``VOXFLOW_DIALER=off``, configured from the environment."""
    if not (settings.ari_url and settings.ari_user and settings.ari_password):
        raise RuntimeError("VOXFLOW_ARI_URL, VOXFLOW_ARI_USER and VOXFLOW_ARI_PASSWORD must be set")
    mongo = await connect_mongo(settings.mongodb_url, settings.database_name) if connect_database else None
    redis = connect_redis(settings.redis_url)
    password = settings.ari_password.get_secret_value()
    registry = SandboxMediaRegistry(settings.ari_url, (settings.ari_user, password)) if sandbox_control else None
    engine_options = {}
    if settings.tts_engine == "http":
        engine_options = {"url": settings.tts_http_url, "api_key": settings.tts_http_api_key.get_secret_value()
                          if settings.tts_http_api_key else None}
    tts = build_tts_engine(settings.tts_engine, cache_dir=Path(settings.data_dir).resolve() / "tts-cache",
                           cache_max_bytes=settings.tts_cache_mb * 1024 * 1024, **engine_options)
    http = GuardedHttpClient()
    stop = asyncio.Event()

    async def on_call(call, args, event):
        await runtime.handle_call(call, args, event)

    telephony = AriTelephony(settings.ari_url, settings.ari_user, password, settings.ari_app, on_call)
    services = RuntimeServicesImpl(data_dir=settings.data_dir, tts=tts, http=http, ari_rest=telephony,
                                   media_registry=registry)
    runtime = FlowRuntime(redis, services, interpreter=interpreter)
    started_at = time.time()

    running = RunningRuntime(runtime, telephony, redis)

    def describe() -> dict:
        return {"ari_url": settings.ari_url, "app": settings.ari_app, "connected": telephony.connected.is_set(),
                "live_calls": telephony.live_calls, "reconnects": telephony.reconnects, "started_at": started_at,
                "dialer": {"id": running.dialer.owner, "live_attempts": len(running.dialer.live)}
                if running.dialer else None}

    tasks = [asyncio.create_task(telephony.run(stop)), asyncio.create_task(runtime.records.run()),
             asyncio.create_task(runtime.renew_leases(stop)), asyncio.create_task(run_heartbeat(redis, describe, stop))]
    try:
        await asyncio.wait_for(telephony.connected.wait(), 30)
        await running.replace_dialer(_dialer_config(dialer))
        await announce(redis, describe())  # connected now: say so without waiting for the next beat
        yield running
    finally:
        await running.replace_dialer(None)  # before the telephony: it hangs up and records its live calls
        stop.set()
        await telephony.close()
        await runtime.records.stop()
        await asyncio.wait(tasks, timeout=2)  # lets the heartbeat remove its key
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await http.aclose()
        if registry:
            await registry.close()
        await redis.aclose()
        if mongo is not None:
            await mongo.close()
