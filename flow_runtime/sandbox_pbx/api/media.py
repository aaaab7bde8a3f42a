"""ARI /playbacks and /recordings."""

from __future__ import annotations

from litestar import Router, delete, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import File

from ..errors import AriError, lookup
from ..media import CONTENT_TYPES
from ..model import LiveRecording, Playback, StoredRecording
from ..pbx import SandboxPbx
from .common import Pbx


def _playback(pbx: SandboxPbx, playback_id: str) -> Playback:
    return lookup(pbx.playbacks, playback_id, "Playback not found")


def _live_recording(pbx: SandboxPbx, name: str) -> LiveRecording:
    return lookup(pbx.live_recordings, name, "Recording not found")


def _stored_recording(pbx: SandboxPbx, name: str) -> StoredRecording:
    return lookup(pbx.recordings.stored, name, "Recording not found")


@get("/playbacks/{playback_id:str}")
async def get_playback(pbx: Pbx, playback_id: FromPath[str]) -> dict:
    return _playback(pbx, playback_id).to_ari()


@delete("/playbacks/{playback_id:str}")
async def stop_playback(pbx: Pbx, playback_id: FromPath[str]) -> None:
    pbx.player.stop_playback(_playback(pbx, playback_id))


@post("/playbacks/{playback_id:str}/control", status_code=204)
async def control_playback(pbx: Pbx, playback_id: FromPath[str], operation: FromQuery[str | None] = None) -> None:
    if not operation:
        raise AriError(400, "Missing operation")
    pbx.player.control_playback(_playback(pbx, playback_id), operation)


@get("/recordings/live/{name:str}")
async def get_live_recording(pbx: Pbx, name: FromPath[str]) -> dict:
    return _live_recording(pbx, name).to_ari()


@post("/recordings/live/{name:str}/stop", status_code=204)
async def stop_recording(pbx: Pbx, name: FromPath[str]) -> None:
    pbx.player.stop_recording(_live_recording(pbx, name), keep_file=True)


@delete("/recordings/live/{name:str}")
async def cancel_recording(pbx: Pbx, name: FromPath[str]) -> None:
    pbx.player.stop_recording(_live_recording(pbx, name), keep_file=False)


@get("/recordings/stored")
async def list_stored_recordings(pbx: Pbx) -> list[dict]:
    return [stored.to_ari() for stored in pbx.recordings.stored.values()]


@get("/recordings/stored/{name:str}")
async def get_stored_recording(pbx: Pbx, name: FromPath[str]) -> dict:
    return _stored_recording(pbx, name).to_ari()


@delete("/recordings/stored/{name:str}")
async def delete_stored_recording(pbx: Pbx, name: FromPath[str]) -> None:
    if not pbx.recordings.delete(name):
        raise AriError(404, "Recording not found")


@get("/recordings/stored/{name:str}/file")
async def get_stored_recording_file(pbx: Pbx, name: FromPath[str]) -> File:
    stored = _stored_recording(pbx, name)
    return File(stored.path, media_type=CONTENT_TYPES.get(stored.format, "application/octet-stream"))


media_router = Router("/ari", route_handlers=[
    get_playback, stop_playback, control_playback, get_live_recording, stop_recording, cancel_recording,
    list_stored_recordings, get_stored_recording, delete_stored_recording, get_stored_recording_file])
