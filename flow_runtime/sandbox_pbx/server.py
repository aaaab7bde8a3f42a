"""The ASGI application and the ways to serve it: in-process (tests, the launcher) or from the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace

import uvicorn
from litestar import Litestar
from litestar.di import Provide
from litestar.middleware import DefineMiddleware

from .api.auth import AriAuthentication
from .api.bridges import bridges_router
from .api.channels import channels_router
from .api.common import EXCEPTION_HANDLERS
from .api.control import control_router
from .api.docs import api_docs_router
from .api.media import media_router
from .api.system import system_router
from .api.websockets import ari_events, transcript_events
from .client import SandboxControl
from .config import SandboxConfig
from .pbx import SandboxPbx


def create_app(config: SandboxConfig, pbx: SandboxPbx | None = None) -> Litestar:
    pbx = pbx or SandboxPbx(config)
    return Litestar(
        route_handlers=[channels_router, bridges_router, media_router, system_router, api_docs_router, ari_events,
                        control_router, transcript_events],
        dependencies={"pbx": Provide(lambda: pbx, use_cache=True, sync_to_thread=False)},
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[DefineMiddleware(AriAuthentication, user=config.user, password=config.password)],
        openapi_config=None,
    )


@dataclass(frozen=True)
class RunningSandbox:
    base_url: str  # what asyncari.connect() takes: http://127.0.0.1:PORT/
    config: SandboxConfig
    pbx: SandboxPbx  # the live state, for in-process callers

    @property
    def ari_url(self) -> str:
        return f"{self.base_url}ari"

    def control(self) -> SandboxControl:
        return SandboxControl(self.base_url, self.config.user, self.config.password)


def uvicorn_config(config: SandboxConfig, pbx: SandboxPbx | None = None, **options) -> uvicorn.Config:
    """Only what ARI needs, per request and per event: no proxy-header rewriting, no access log, and no
    per-message compression (Asterisk offers none; deflating every event costs CPU at 1,000 calls)."""
    return uvicorn.Config(create_app(config, pbx), host=config.host, port=config.port,
                          log_level="warning", access_log=False, proxy_headers=False, lifespan="off",
                          ws_per_message_deflate=False, ws_ping_interval=config.ws_ping_interval,
                          ws_ping_timeout=config.ws_ping_timeout, **options)


class _EmbeddedServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # Embedded in another process (tests, the Voxflow launcher): signals belong to the host.
        yield


@contextlib.asynccontextmanager
async def run_sandbox_pbx(config: SandboxConfig | None = None, **settings) -> AsyncIterator[RunningSandbox]:
    """Serve a sandbox PBX on the running loop; ``port=0`` picks a free port.

    ``async with run_sandbox_pbx(port=0, time_scale=0.01) as pbx: asyncari.connect(pbx.base_url, ...)``
    """
    config = replace(config or SandboxConfig(), **settings)
    pbx = SandboxPbx(config)
    listener = socket.create_server((config.host, config.port))
    host, port = listener.getsockname()[:2]
    server = _EmbeddedServer(uvicorn_config(config, pbx=pbx, timeout_graceful_shutdown=1))
    serving = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        while not server.started:
            if serving.done():
                serving.result()  # startup failed: raise its error
            await asyncio.sleep(0.005)
        yield RunningSandbox(f"http://{host}:{port}/", replace(config, port=port), pbx)
    finally:
        pbx.reset()
        server.should_exit = True
        await serving
        listener.close()
