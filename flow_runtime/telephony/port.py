"""The telephony port: the few call operations executors use, whatever speaks to Asterisk underneath.

Every awaiting operation raises :class:`CallerHungUp` as soon as the caller's channel is gone, so an
executor never has to check; the interpreter ends the call cleanly when it sees it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class CallerHungUp(Exception):
    """The caller's channel went away while the flow was running."""


class TelephonyError(Exception):
    """The PBX refused or failed an operation (e.g. a missing sound file)."""


@dataclass(frozen=True)
class PlayResult:
    interrupted_by: str | None = None  # the DTMF digit that stopped it (barge-in), if any


class CollectEnd(StrEnum):
    max_digits = "max_digits"
    terminator = "terminator"
    timeout = "timeout"


@dataclass(frozen=True)
class CollectResult:
    digits: str
    ended_by: CollectEnd


@dataclass(frozen=True)
class RecordResult:
    name: str | None  # None when nothing was recorded
    duration_seconds: float = 0.0
    file_path: str | None = None


class DialOutcome(StrEnum):
    answered = "answered"
    busy = "busy"
    no_answer = "no_answer"
    failed = "failed"


@dataclass(frozen=True)
class DialResult:
    outcome: DialOutcome
    cause: int | None = None
    dialstatus: str | None = None


@dataclass
class CallInfo:
    channel_id: str
    caller: str
    dialed: str
    caller_name: str = ""
    args: list[str] = field(default_factory=list)


class CallChannel(Protocol):
    """One live call leg under the runtime's control."""

    info: CallInfo

    @property
    def hung_up(self) -> bool: ...

    async def answer(self) -> None: ...

    async def play(self, media: list[str], *, barge_in: bool = False) -> PlayResult:
        """Plays the media URIs in order; with barge-in, a key press stops them (and stays buffered)."""

    async def collect(self, *, max_digits: int, terminator: str | None, first_timeout: float,
                      inter_digit_timeout: float, total_timeout: float | None = None) -> CollectResult:
        """Reads DTMF, digits pressed earlier (type-ahead) first."""

    def take_buffered_digit(self) -> str | None: ...

    async def record(self, name: str, *, max_seconds: int, silence_seconds: int | None,
                     finish_key: str | None) -> RecordResult: ...

    async def set_variable(self, name: str, value: str) -> None: ...

    async def get_variable(self, name: str) -> str | None: ...

    async def dial_and_bridge(self, endpoint: str, *, caller_id: str | None, timeout: int) -> DialResult:
        """Originates to ``endpoint``; when answered, bridges it with this call and waits until either
        side hangs up (the flow then ends)."""

    async def hangup(self, cause: str = "normal") -> None: ...


@dataclass
class OriginationProgress:
    """What the PBX reported about a call the runtime originated, as it happened. The dialer classifies an
    attempt from these facts (flow_runtime.dialer.classify); times are the dialer clock's epoch seconds."""

    channel_id: str
    originated_at: float
    ringing_at: float | None = None
    answered_at: float | None = None  # the far end answered (Dial ANSWER / the channel entered Stasis)
    ended_at: float | None = None  # the channel is gone
    in_stasis: bool = False
    dialstatus: str | None = None  # the last final Dial status: ANSWER, BUSY, NOANSWER, CONGESTION, ...
    far_end_cause: int | None = None  # ChannelHangupRequest cause when the far end hung up (not soft)
    cause: int | None = None  # ChannelDestroyed cause (Q.850; 0 = unknown)
    cause_txt: str | None = None
    dtmf: str = ""  # every key the callee pressed, in order
    error: str | None = None  # the originate request itself failed
    cancelled: bool = False  # we hung it up while it rang because the campaign was cancelled
    timed_out: bool = False  # we hung it up because it rang past the ring timeout

    @property
    def answered(self) -> bool:
        return self.in_stasis or self.dialstatus == "ANSWER"


class OutboundCall(CallChannel, Protocol):
    """A call the runtime originated: its progress, and once answered a channel a flow can run on."""

    progress: OriginationProgress

    async def wait_answered(self, timeout: float) -> bool:
        """True once the far end answered and the channel is ours; False when it failed or ``timeout``
        passed without an answer (the caller then cancels it)."""

    async def wait_ended(self, timeout: float) -> None:
        """Until the channel is destroyed (or ``timeout``)."""

    async def cancel(self, *, campaign_cancelled: bool) -> None:
        """Hangs up a call that has not been answered yet."""


class Telephony(Protocol):
    """The process-wide operations (not tied to one call) the dialer uses."""

    connected: asyncio.Event  # set while the PBX's events connection is up

    async def originate(self, *, channel_id: str, endpoint: str, caller_id: str | None, timeout: int,
                        variables: dict[str, str], app_args: list[str],
                        now: Callable[[], float]) -> OutboundCall:
        """Places a call to ``endpoint`` into this application (one REST request). Never raises for a
        refused origination: ``progress.error`` says why and the call is already ended."""

    async def hangup_channel(self, channel_id: str) -> None:
        """Hangs up any channel by id (e.g. one a dead process left); no error if it is already gone."""
