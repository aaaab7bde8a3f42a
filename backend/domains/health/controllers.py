from __future__ import annotations

from litestar.di import NamedDependency

import asyncio

from litestar import Controller, Response, get

from backend.context import AppContext
from backend.security.guards import PUBLIC

READY_TIMEOUT_SECONDS = 3


class HealthController(Controller):
    path = "/api"
    tags = ["health"]
    opt = PUBLIC

    @get("/health", operation_id="health", description="Liveness: the API process answers.")
    async def health(self) -> dict[str, str]:
        return {"status": "ok"}

    @get("/ready", operation_id="ready", description="Readiness: the database and Redis answer. 503 otherwise.")
    async def ready(self, ctx: NamedDependency[AppContext]) -> Response[dict]:
        checks = {"database": ctx.mongo.admin.command("ping"), "redis": ctx.redis.ping()}
        results: dict[str, str] = {}
        for name, probe in checks.items():
            try:
                await asyncio.wait_for(probe, READY_TIMEOUT_SECONDS)
                results[name] = "ok"
            except Exception as exc:  # the readiness answer names the failure instead of raising it
                results[name] = f"error: {type(exc).__name__}"
        ok = all(v == "ok" for v in results.values())
        return Response({"status": "ok" if ok else "unavailable", "checks": results}, status_code=200 if ok else 503)
