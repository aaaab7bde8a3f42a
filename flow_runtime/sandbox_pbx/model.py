"""The sandbox's telephony objects and their ARI JSON shapes (as Asterisk 22 serialises them)."""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from .origination import Origination


@dataclass(eq=False)
class CallerId:
    name: str = ""
    number: str = ""

    def to_ari(self) -> dict:
        return {"name": self.name, "number": self.number}


@dataclass(eq=False)
class DialplanLocation:
    context: str
    exten: str
    priority: int = 1
    app_name: str = ""
    app_data: str = ""

    def to_ari(self) -> dict:
        return {"context": self.context, "exten": self.exten, "priority": self.priority,
                "app_name": self.app_name, "app_data": self.app_data}


# What an originated channel's dialplan location shows outside Stasis (Asterisk's dialler app).
ORIGINATED_DIALPLAN_APP = ("AppDial2", "(Outgoing Line)")


@dataclass(eq=False)
class Channel:
    id: str
    name: str
    state: str  # ARI channel state: Down, Ring, Ringing, Up, Busy
    caller: CallerId
    connected: CallerId
    dialplan: DialplanLocation
    creationtime: str
    language: str = "en"
    variables: dict[str, str] = field(default_factory=dict)
    # Apps that receive this channel's events, counted like Asterisk's subscription references: an
    # originating app holds one, being in Stasis holds another; the last one released stops delivery.
    app_interest: Counter = field(default_factory=Counter)
    stasis_app: str | None = None
    # Dialplan app and data to show again once the channel leaves Stasis.
    dialplan_before_stasis: tuple[str, str] = ("", "")
    # Set while an originated channel is being dialled or is connected; drives its outcome.
    origination: Origination | None = None
    bridge: Bridge | None = None
    # Playbacks and recordings run one at a time, in order, like commands on an Asterisk channel.
    media: deque = field(default_factory=deque)
    # Pending simulated happenings (ringing, answer, scripted caller actions): cancelled on destroy.
    timers: list[asyncio.TimerHandle] = field(default_factory=list)
    hanging_up: bool = False

    @property
    def uri(self) -> str:
        return f"channel:{self.id}"

    def to_ari(self) -> dict:
        return {"id": self.id, "name": self.name, "state": self.state, "protocol_id": "",
                "caller": self.caller.to_ari(), "connected": self.connected.to_ari(), "accountcode": "",
                "dialplan": self.dialplan.to_ari(), "creationtime": self.creationtime,
                "language": self.language}


@dataclass(eq=False)
class Bridge:
    id: str
    bridge_type: str  # "mixing" or "holding"
    name: str
    creationtime: str
    channels: list[Channel] = field(default_factory=list)  # in the order they entered
    app_interest: Counter = field(default_factory=Counter)
    media: deque = field(default_factory=deque)

    @property
    def uri(self) -> str:
        return f"bridge:{self.id}"

    def to_ari(self) -> dict:
        if self.bridge_type == "holding":
            technology = "holding_bridge"
        else:  # Asterisk upgrades a two-party mixing bridge to softmix when a third channel joins
            technology = "simple_bridge" if len(self.channels) <= 2 else "softmix"
        return {"id": self.id, "technology": technology, "bridge_type": self.bridge_type,
                "bridge_class": "stasis", "creator": "Stasis", "name": self.name,
                "channels": [channel.id for channel in self.channels], "creationtime": self.creationtime,
                "video_mode": "talker"}


MediaTarget = Union[Channel, Bridge]


@dataclass(eq=False)
class Playback:
    id: str
    media_uris: list[str]
    target: MediaTarget
    language: str
    skip_seconds: float
    offset_seconds: float  # skipped at the start of the first medium
    state: str = "queued"  # queued, playing, paused, continuing, done, failed
    index: int = 0  # which of media_uris is current
    remaining_seconds: float = 0.0  # of the current medium, kept while paused
    ends_at: float = 0.0  # SimClock.now() when the current medium ends, while playing
    timer: asyncio.TimerHandle | None = None

    @property
    def media_uri(self) -> str:
        return self.media_uris[self.index]

    def to_ari(self) -> dict:
        body = {"id": self.id, "media_uri": self.media_uri}
        if self.index < len(self.media_uris) - 1:
            body["next_media_uri"] = self.media_uris[self.index + 1]
        body.update(target_uri=self.target.uri, language=self.language, state=self.state)
        return body


@dataclass(eq=False)
class LiveRecording:
    name: str
    format: str
    target: Channel
    max_duration_seconds: int
    max_silence_seconds: int
    terminate_on: str  # none, any, * or #
    if_exists: str  # fail, overwrite or append
    state: str = "queued"  # queued, recording, done, failed
    started_at: float = 0.0  # SimClock.now()
    duration: int | None = None  # whole seconds, known once finished
    timer: asyncio.TimerHandle | None = None

    def to_ari(self) -> dict:
        body = {"name": self.name, "format": self.format, "state": self.state, "target_uri": self.target.uri}
        if self.duration is not None:
            body["duration"] = self.duration
            if self.max_silence_seconds:
                # The simulated caller never speaks, so all of it is silence.
                body.update(talking_duration=0, silence_duration=self.duration)
        return body


@dataclass(eq=False)
class StoredRecording:
    name: str
    format: str
    duration_seconds: float
    path: Path

    def to_ari(self) -> dict:
        return {"name": self.name, "format": self.format}
