"""ARI /asterisk and /applications: who this PBX is and which Stasis applications it knows."""

from __future__ import annotations

import platform

from litestar import Router, get
from litestar.params import FromPath, FromQuery

from ..clock import ari_timestamp
from ..errors import AriError
from ..pbx import SandboxPbx
from .common import Pbx, split_multiple

# The Asterisk whose ARI the sandbox reproduces (shared/ari-api-docs, shared/ari-events).
EMULATED_VERSION = "22.10.1"


@get("/asterisk/info")
async def asterisk_info(pbx: Pbx, only: FromQuery[list[str] | None] = None) -> dict:
    info = {
        "build": {"os": platform.system(), "kernel": platform.release(), "machine": platform.machine(),
                  "options": "", "date": pbx.started_at, "user": "voxflow"},
        "system": {"version": EMULATED_VERSION, "entity_id": pbx.config.asterisk_id},
        "config": {"name": "voxflow-sandbox-pbx", "default_language": "en", "setid": {"user": "", "group": ""}},
        "status": {"startup_time": pbx.started_at, "last_reload_time": pbx.started_at},
    }
    wanted = split_multiple(only) if only else list(info)
    return {section: info[section] for section in wanted if section in info}


@get("/asterisk/ping")
async def ping(pbx: Pbx) -> dict:
    return {"asterisk_id": pbx.config.asterisk_id, "ping": "pong", "timestamp": ari_timestamp()}


def _application(pbx: SandboxPbx, name: str) -> dict:
    return {"name": name,
            "channel_ids": [channel.id for channel in pbx.channels.values() if name in channel.app_interest],
            "bridge_ids": [bridge.id for bridge in pbx.bridges.values() if name in bridge.app_interest],
            "endpoint_ids": [], "device_names": [], "events_allowed": [], "events_disallowed": []}


@get("/applications")
async def list_applications(pbx: Pbx) -> list[dict]:
    return [_application(pbx, name) for name in sorted(pbx.events.known_apps)]


@get("/applications/{application_name:str}")
async def get_application(pbx: Pbx, application_name: FromPath[str]) -> dict:
    if application_name not in pbx.events.known_apps:
        raise AriError(404, "Application not found")
    return _application(pbx, application_name)


system_router = Router("/ari", route_handlers=[asterisk_info, ping, list_applications, get_application])
