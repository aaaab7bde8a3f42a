"""The telephony port: the few call operations executors use, whatever speaks to Asterisk underneath.

Every awaiting operation raises :class:`CallerHungUp` as soon as the caller's channel is gone, so an
executor never has to check; the interpreter ends the call cleanly when it sees it.
"""

from __future__ import annotations

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
