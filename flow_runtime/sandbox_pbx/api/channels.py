"""ARI /channels: the subset the Voxflow runtime uses, with Asterisk's checks and responses."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Response, Router, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from .. import causes
from ..errors import AriError, lookup
from .common import PLAY_DEPENDENCIES, Pbx, PlayParameters, created, query, start_playback


class OriginateBody(msgspec.Struct):
    # A value is a string, or (Asterisk 22) an object {"value": ..., "report_events": ...}.
    variables: dict[str, Any] = {}

    def plain_variables(self) -> dict[str, str]:
        return {name: str(value["value"] if isinstance(value, dict) else value)
                for name, value in self.variables.items()}


def hangup_cause(reason: str | None, reason_code: str | None) -> int:
    if reason and reason_code:
        raise AriError(400, "The reason and reason_code can't both be specified")
    if reason_code:
        try:
            return int(reason_code)
        except ValueError:
            raise AriError(400, "Invalid reason for hangup reason code provided") from None
    if reason:
        if reason not in causes.HANGUP_REASONS:
            raise AriError(400, "Invalid reason for hangup reason provided")
        return causes.HANGUP_REASONS[reason]
    return causes.NORMAL_CLEARING


@get("/")
async def list_channels(pbx: Pbx) -> list[dict]:
    return [channel.to_ari() for channel in pbx.channels.values()]


@post("/", status_code=200)
async def originate(pbx: Pbx, endpoint: FromQuery[str | None] = None, app: FromQuery[str | None] = None,
                    app_args: Annotated[str | None, query("appArgs")] = None,
                    caller_id: Annotated[str | None, query("callerId")] = None,
                    timeout: FromQuery[int | None] = None,
                    channel_id: Annotated[str | None, query("channelId")] = None,
                    data: JSONBody[OriginateBody | None] = None) -> dict:
    if not endpoint:
        raise AriError(400, "Endpoint must be specified")
    channel = pbx.originator.originate(
        endpoint=endpoint, app=app, app_args=app_args, caller_id=caller_id, timeout=timeout,
        channel_id=channel_id, variables=data.plain_variables() if data else {})
    return channel.to_ari()


@get("/{channel_id:str}")
async def get_channel(pbx: Pbx, channel_id: FromPath[str]) -> dict:
    return pbx.channel(channel_id).to_ari()


@delete("/{channel_id:str}")
async def hangup(pbx: Pbx, channel_id: FromPath[str], reason_code: FromQuery[str | None] = None,
                 reason: FromQuery[str | None] = None) -> None:
    channel = pbx.channel(channel_id)
    pbx.hangup(channel, hangup_cause(reason, reason_code), soft=True)


@post("/{channel_id:str}/answer", status_code=204)
async def answer(pbx: Pbx, channel_id: FromPath[str]) -> None:
    pbx.set_state(pbx.controllable_channel(channel_id), "Up")


@post("/{channel_id:str}/ring", status_code=204)
async def ring(pbx: Pbx, channel_id: FromPath[str]) -> None:
    channel = pbx.controllable_channel(channel_id)
    pbx.calls.note(channel.id, "RingingIndicated")  # the caller hears ringback; ARI has no event for it


@post("/{channel_id:str}/continue", status_code=204)
async def continue_in_dialplan(pbx: Pbx, channel_id: FromPath[str]) -> None:
    pbx.continue_in_dialplan(pbx.controllable_channel(channel_id))


@post("/{channel_id:str}/dtmf", status_code=204)
async def send_dtmf(pbx: Pbx, channel_id: FromPath[str], dtmf: FromQuery[str | None] = None) -> None:
    channel = pbx.controllable_channel(channel_id)
    if not dtmf:
        raise AriError(400, "DTMF is required")
    pbx.calls.note(channel.id, "DtmfSent", digits=dtmf)  # toward the caller: no ARI event


@post("/{channel_id:str}/play", dependencies=PLAY_DEPENDENCIES)
async def play(pbx: Pbx, channel_id: FromPath[str], options: PlayParameters,
               playback_id: Annotated[str | None, query("playbackId")] = None) -> Response:
    return start_playback(pbx, pbx.controllable_channel(channel_id), playback_id, options)


@post("/{channel_id:str}/play/{playback_id:str}", dependencies=PLAY_DEPENDENCIES)
async def play_with_id(pbx: Pbx, channel_id: FromPath[str], playback_id: FromPath[str],
                       options: PlayParameters) -> Response:
    return start_playback(pbx, pbx.controllable_channel(channel_id), playback_id, options)


@post("/{channel_id:str}/record")
async def record(pbx: Pbx, channel_id: FromPath[str], name: FromQuery[str],
                 audio_format: Annotated[str, query("format")],
                 max_duration_seconds: Annotated[int, query("maxDurationSeconds")] = 0,
                 max_silence_seconds: Annotated[int, query("maxSilenceSeconds")] = 0,
                 if_exists: Annotated[str, query("ifExists")] = "fail",
                 terminate_on: Annotated[str, query("terminateOn")] = "none") -> Response:
    channel = pbx.stasis_channel(channel_id)
    recording = pbx.player.record(channel, name=name, audio_format=audio_format,
                                  max_duration_seconds=max_duration_seconds,
                                  max_silence_seconds=max_silence_seconds, if_exists=if_exists,
                                  terminate_on=terminate_on)
    return created(f"/recordings/live/{recording.name}", recording.to_ari())


@get("/{channel_id:str}/variable")
async def get_variable(pbx: Pbx, channel_id: FromPath[str], variable: FromQuery[str | None] = None) -> dict:
    if not variable:
        raise AriError(400, "Variable name is required")
    channel = lookup(pbx.channels, channel_id, "Provided channel was not found")
    return {"value": pbx.get_variable(channel, variable)}


@post("/{channel_id:str}/variable", status_code=204)
async def set_variable(pbx: Pbx, channel_id: FromPath[str], variable: FromQuery[str | None] = None,
                       value: FromQuery[str] = "") -> None:
    if not variable:
        raise AriError(400, "Variable name is required")
    pbx.set_variable(pbx.stasis_channel(channel_id), variable, value)


channels_router = Router(
    "/ari/channels",
    route_handlers=[list_channels, originate, get_channel, hangup, answer, ring, continue_in_dialplan, send_dtmf,
                    play, play_with_id, record, get_variable, set_variable])
