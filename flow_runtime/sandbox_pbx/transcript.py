"""Per-call transcripts: what the caller heard and did, for people and tests following a call.

Entries are derived from the ARI events the sandbox publishes (plus a few things ARI has no event for,
like the call being placed or DTMF the application sent), so the transcript cannot disagree with what
the application saw."""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from .clock import ari_timestamp
from .media import MediaCatalog
from .model import Bridge, Channel


def _playback_fields(event: dict) -> dict:
    playback = event["playback"]
    return {"playback_id": playback["id"], "media_uri": playback["media_uri"], "state": playback["state"]}


def _recording_fields(event: dict) -> dict:
    recording = event["recording"]
    fields = {"name": recording["name"], "format": recording["format"], "state": recording["state"]}
    if "duration" in recording:
        fields["duration"] = recording["duration"]
    return fields


def _hangup_request_fields(event: dict) -> dict:
    # A soft hangup is one the application asked for; otherwise the far end hung up.
    return {"cause": event["cause"], "by": "application" if event.get("soft") else "caller"}


_TRANSCRIBED: dict[str, Callable[[dict], dict]] = {
    "Dial": lambda event: {"dialstatus": event["dialstatus"]},
    "ChannelStateChange": lambda event: {"state": event["channel"]["state"]},
    "StasisStart": lambda event: {"args": event["args"]},
    "StasisEnd": lambda event: {},
    "ChannelDtmfReceived": lambda event: {"digit": event["digit"]},
    "ChannelVarset": lambda event: {"variable": event["variable"], "value": event["value"]},
    "ChannelEnteredBridge": lambda event: {"bridge_id": event["bridge"]["id"]},
    "ChannelLeftBridge": lambda event: {"bridge_id": event["bridge"]["id"]},
    "ChannelHangupRequest": _hangup_request_fields,
    "ChannelDestroyed": lambda event: {"cause": event["cause"], "cause_txt": event["cause_txt"]},
    "PlaybackStarted": _playback_fields,
    "PlaybackContinuing": _playback_fields,
    "PlaybackFinished": _playback_fields,
    "RecordingStarted": _recording_fields,
    "RecordingFinished": _recording_fields,
}


@dataclass(eq=False)
class CallRecord:
    channel_id: str
    direction: str  # "inbound" (a test call placed through the control API) or "outbound" (originated)
    caller_number: str
    dialed_number: str
    endpoint: str
    started_at: str
    transcript: deque
    state: str = "Down"
    ended_at: str | None = None
    cause: int | None = None
    cause_txt: str | None = None

    def summary(self) -> dict:
        return {"channel_id": self.channel_id, "direction": self.direction, "caller_number": self.caller_number,
                "dialed_number": self.dialed_number, "endpoint": self.endpoint, "state": self.state,
                "live": self.ended_at is None, "started_at": self.started_at, "ended_at": self.ended_at,
                "cause": self.cause, "cause_txt": self.cause_txt}

    def to_json(self) -> dict:
        return {**self.summary(), "transcript": list(self.transcript)}


@dataclass(eq=False)
class TranscriptStream:
    """One /sandbox/events listener; ``channel_id`` narrows it to one call."""

    channel_id: str | None
    outbox: asyncio.Queue = field(default_factory=asyncio.Queue)


class CallLog:
    """Live calls and the latest ended ones (bounded), each with its transcript."""

    def __init__(self, catalog: MediaCatalog, ended_kept: int, entries_per_call: int) -> None:
        self.catalog = catalog
        self.ended_kept = ended_kept
        self.entries_per_call = entries_per_call
        self.live: dict[str, CallRecord] = {}
        self.ended: OrderedDict[str, CallRecord] = OrderedDict()
        self.streams: set[TranscriptStream] = set()

    def open(self, channel: Channel, direction: str, dialed_number: str, endpoint: str) -> None:
        record = CallRecord(channel.id, direction, channel.caller.number, dialed_number, endpoint,
                            ari_timestamp(), deque(maxlen=self.entries_per_call), channel.state)
        self.live[channel.id] = record
        self.note(channel.id, "CallPlaced", direction=direction, caller_number=record.caller_number,
                  dialed_number=record.dialed_number, endpoint=endpoint)

    def get(self, channel_id: str) -> CallRecord | None:
        return self.live.get(channel_id) or self.ended.get(channel_id)

    def note(self, channel_id: str, entry_type: str, **fields) -> None:
        record = self.live.get(channel_id)
        if record is None:
            return
        entry = {"at": ari_timestamp(), "event": entry_type, **fields}
        record.transcript.append(entry)
        if self.streams:
            self._stream(channel_id, entry)

    def observe(self, event: dict, channel: Channel | None, bridge: Bridge | None) -> None:
        """EventHub observer: turns the events that matter to a caller into transcript entries."""
        describe = _TRANSCRIBED.get(event["type"])
        if describe is None:
            return
        fields = describe(event)
        if event["type"] == "PlaybackStarted":
            info = self.catalog.describe(fields["media_uri"])
            if info is not None and info.text is not None:
                fields["text"] = info.text
        if channel is not None:
            listeners = [channel]
        else:  # a bridge's playback is heard by everyone in it
            listeners = list(bridge.channels) if bridge is not None else []
        for listener in listeners:
            record = self.live.get(listener.id)
            if record is not None:
                record.state = listener.state
                self.note(listener.id, event["type"], **fields)
        if event["type"] == "ChannelDestroyed" and channel is not None:
            self._close(channel.id, event["cause"], event["cause_txt"])

    def _close(self, channel_id: str, cause: int, cause_txt: str) -> None:
        record = self.live.pop(channel_id, None)
        if record is None:
            return
        record.ended_at, record.cause, record.cause_txt = ari_timestamp(), cause, cause_txt
        self.ended[channel_id] = record
        while len(self.ended) > self.ended_kept:
            self.ended.popitem(last=False)

    def _stream(self, channel_id: str, entry: dict) -> None:
        encoded = msgspec.json.encode({"channel_id": channel_id, **entry}).decode()
        for stream in self.streams:
            if stream.channel_id in (None, channel_id):
                stream.outbox.put_nowait(encoded)

    def forget_all(self) -> None:
        self.live.clear()
        self.ended.clear()
