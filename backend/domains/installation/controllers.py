"""Installation health for the provider: database, Redis, runtime processes and their ARI connections."""

from __future__ import annotations

import asyncio
from importlib.metadata import version

from litestar import Controller, get
from litestar.di import NamedDependency

from backend.context import AppContext
from backend.security.guards import PROVIDER, provider_only
from flow_runtime.heartbeat import live_processes

PROBE_TIMEOUT_SECONDS = 3


async def _probe(check) -> str:
    try:
        await asyncio.wait_for(check, PROBE_TIMEOUT_SECONDS)
        return "ok"
    except Exception as exc:  # the health answer names the failure instead of raising it
        return f"error: {type(exc).__name__}"


class InstallationController(Controller):
    path = "/api/provider/health"
    tags = ["provider"]
    opt = PROVIDER
    guards = [provider_only]

    @get("/", operation_id="installationHealth",
         description="Database and Redis state, the runtime processes that announced themselves in the last "
                     "30 s with their ARI connection state and live calls, the telephony mode and the version.")
    async def health(self, ctx: NamedDependency[AppContext]) -> dict:
        settings = ctx.settings
        return {
            "version": version("voxflow"),
            "database": await _probe(ctx.mongo.admin.command("ping")),
            "redis": await _probe(ctx.redis.ping()),
            "telephony": "sandbox" if settings.ari_sandbox else ("asterisk" if settings.ari_url else "none"),
            "ari_url": settings.ari_url,
            "runtimes": await live_processes(ctx.redis),
        }
