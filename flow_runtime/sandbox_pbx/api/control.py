"""The control API under /sandbox: place test calls, act as the caller, script far ends, follow calls.

Not part of ARI; documented in docs/sandbox-pbx.md."""

from __future__ import annotations

import re

import msgspec
from litestar import Router, get, post, put
from litestar.params import FromPath, JSONBody

from .. import causes
from ..errors import AriError, lookup
from ..model import Channel
from ..pbx import DTMF_DURATION_MS, DTMF_GAP_MS, SandboxPbx
from ..scripts import CallerAction, OutcomeScript
from .common import Pbx

_DTMF_DIGITS = re.compile(r"[0-9*#A-Da-d]+")


class InboundCall(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    dialed_number: str
    caller_number: str = ""
    caller_name: str = ""
    app: str | None = None  # the sandbox's configured application when omitted
    args: list[str] = []
    actions: list[CallerAction] = []  # what the caller does once in Stasis, e.g. press 1 after 2 s


class DtmfPress(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    digits: str
    gap_ms: int = DTMF_GAP_MS
    duration_ms: int = DTMF_DURATION_MS

    def __post_init__(self) -> None:
        if not _DTMF_DIGITS.fullmatch(self.digits):
            raise ValueError("digits may only contain 0-9, *, # and A-D")
        if self.gap_ms < 0 or self.duration_ms <= 0:
            raise ValueError("gap_ms must not be negative and duration_ms must be positive")


class CallerHangup(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    cause: int = causes.NORMAL_CLEARING

    def __post_init__(self) -> None:
        if not 0 <= self.cause <= 127:
            raise ValueError("cause is a Q.850 cause code, 0 to 127")


class MediaRegistration(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    media_uri: str
    duration_seconds: float | None = None
    text: str | None = None  # what a TTS file says, shown in transcripts

    def __post_init__(self) -> None:
        if self.duration_seconds is not None and self.duration_seconds < 0:
            raise ValueError("duration_seconds must not be negative")


def _live_channel(pbx: SandboxPbx, channel_id: str) -> Channel:
    return lookup(pbx.channels, channel_id, "No live call with this channel id")


@post("/calls")
async def place_call(pbx: Pbx, data: JSONBody[InboundCall]) -> dict:
    channel = pbx.place_inbound_call(data.dialed_number, data.caller_number, data.caller_name,
                                     data.app or pbx.config.app, data.args, data.actions)
    return {"channel_id": channel.id, "call": pbx.calls.get(channel.id).summary()}


@get("/calls")
async def list_calls(pbx: Pbx) -> dict:
    return {"live": [record.summary() for record in pbx.calls.live.values()],
            "ended": [record.summary() for record in reversed(pbx.calls.ended.values())]}


@get("/calls/{channel_id:str}")
async def get_call(pbx: Pbx, channel_id: FromPath[str]) -> dict:
    record = pbx.calls.get(channel_id)
    if record is None:
        raise AriError(404, "Unknown call (never placed, or ended too long ago to be kept)")
    return record.to_json()


@post("/calls/{channel_id:str}/dtmf", status_code=204)
async def press_keys(pbx: Pbx, channel_id: FromPath[str], data: JSONBody[DtmfPress]) -> None:
    pbx.receive_dtmf(_live_channel(pbx, channel_id), data.digits, data.gap_ms, data.duration_ms)


@post("/calls/{channel_id:str}/hangup", status_code=204)
async def caller_hangs_up(pbx: Pbx, channel_id: FromPath[str], data: JSONBody[CallerHangup | None] = None) -> None:
    pbx.hangup(_live_channel(pbx, channel_id), (data or CallerHangup()).cause, soft=False)


@get("/outcomes")
async def get_outcomes(pbx: Pbx) -> OutcomeScript:
    return pbx.originator.script


@put("/outcomes")
async def set_outcomes(pbx: Pbx, data: JSONBody[OutcomeScript]) -> OutcomeScript:
    pbx.originator.script = data
    return data


@post("/media", status_code=204)
async def register_media(pbx: Pbx, data: JSONBody[MediaRegistration]) -> None:
    pbx.catalog.register(data.media_uri, data.duration_seconds, data.text)


@get("/state")
async def state(pbx: Pbx) -> dict:
    return pbx.counts()


@post("/reset", status_code=204)
async def reset(pbx: Pbx) -> None:
    pbx.reset()


control_router = Router("/sandbox", route_handlers=[place_call, list_calls, get_call, press_keys, caller_hangs_up,
                                                    get_outcomes, set_outcomes, register_media, state, reset])
