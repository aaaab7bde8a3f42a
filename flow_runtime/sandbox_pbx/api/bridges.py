"""ARI /bridges."""

from __future__ import annotations

from typing import Annotated

from litestar import Response, Router, delete, get, post
from litestar.params import FromPath, FromQuery

from ..errors import AriError
from .common import PLAY_DEPENDENCIES, Pbx, PlayParameters, query, split_multiple, start_playback


def _channel_ids(channel: list[str] | None) -> list[str]:
    if not channel:
        raise AriError(400, "Missing parameter channel")
    return split_multiple(channel)


@get("/")
async def list_bridges(pbx: Pbx) -> list[dict]:
    return [bridge.to_ari() for bridge in pbx.bridges.values()]


@post("/", status_code=200)
async def create_bridge(pbx: Pbx, bridge_type: Annotated[str | None, query("type")] = None,
                        bridge_id: Annotated[str | None, query("bridgeId")] = None,
                        name: FromQuery[str | None] = None) -> dict:
    return pbx.bridging.create(bridge_id, bridge_type, name).to_ari()


@get("/{bridge_id:str}")
async def get_bridge(pbx: Pbx, bridge_id: FromPath[str]) -> dict:
    return pbx.bridging.bridge(bridge_id).to_ari()


@delete("/{bridge_id:str}")
async def destroy_bridge(pbx: Pbx, bridge_id: FromPath[str]) -> None:
    pbx.bridging.destroy(pbx.bridging.bridge(bridge_id))


@post("/{bridge_id:str}/addChannel", status_code=204)
async def add_channel(pbx: Pbx, bridge_id: FromPath[str], channel: FromQuery[list[str] | None] = None) -> None:
    channel_ids = _channel_ids(channel)
    bridge = pbx.bridging.bridge(bridge_id)
    pbx.bridging.add(bridge, pbx.bridging.channels_to_add(channel_ids))


@post("/{bridge_id:str}/removeChannel", status_code=204)
async def remove_channel(pbx: Pbx, bridge_id: FromPath[str], channel: FromQuery[list[str] | None] = None) -> None:
    channel_ids = _channel_ids(channel)
    bridge = pbx.bridging.bridge(bridge_id)
    pbx.bridging.remove(bridge, pbx.bridging.members_to_remove(bridge, channel_ids))


@post("/{bridge_id:str}/play", dependencies=PLAY_DEPENDENCIES)
async def play(pbx: Pbx, bridge_id: FromPath[str], options: PlayParameters,
               playback_id: Annotated[str | None, query("playbackId")] = None) -> Response:
    return start_playback(pbx, pbx.bridging.bridge(bridge_id), playback_id, options)


@post("/{bridge_id:str}/play/{playback_id:str}", dependencies=PLAY_DEPENDENCIES)
async def play_with_id(pbx: Pbx, bridge_id: FromPath[str], playback_id: FromPath[str],
                       options: PlayParameters) -> Response:
    return start_playback(pbx, pbx.bridging.bridge(bridge_id), playback_id, options)


bridges_router = Router("/ari/bridges", route_handlers=[list_bridges, create_bridge, get_bridge, destroy_bridge,
                                                        add_channel, remove_channel, play, play_with_id])
