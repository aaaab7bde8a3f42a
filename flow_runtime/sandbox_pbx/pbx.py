"""The simulated PBX: its objects and the life of a channel, emitting the events Asterisk 22 emits.

Orders of events follow the recording in shared/ari-events (see docs/sandbox-pbx.md): e.g. a hangup is
ChannelHangupRequest, then whatever was playing or recording finishes, the channel leaves its bridge,
StasisEnd, ChannelVarset STASISSTATUS, ChannelDestroyed."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterable
from typing import Any

from . import causes
from .bridging import Bridging
from .clock import SimClock, ari_timestamp
from .config import SandboxConfig
from .errors import AriError, lookup
from .events import EventHub, make_event, subscribe, unsubscribe
from .media import MediaCatalog, RecordingStore
from .model import Bridge, CallerId, Channel, DialplanLocation, LiveRecording, Playback
from .origination import Originator
from .player import MediaPlayer
from .scripts import CallerAction
from .transcript import CallLog

# How the simulated caller presses keys, as Asterisk's SendDTMF does by default (seen in the recording).
DTMF_DURATION_MS = 100
DTMF_GAP_MS = 250


class SandboxPbx:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.clock = SimClock(config.time_scale)
        self.events = EventHub(config.asterisk_id)
        self.recordings = RecordingStore(config.recordings_dir)
        self.catalog = MediaCatalog(config.default_media_seconds, config.media_entries_kept, self.recordings)
        self.calls = CallLog(self.catalog, config.ended_calls_kept, config.transcript_entries_per_call)
        self.events.observers.append(self.calls.observe)
        self.channels: dict[str, Channel] = {}
        self.bridges: dict[str, Bridge] = {}
        self.playbacks: dict[str, Playback] = {}
        self.live_recordings: dict[str, LiveRecording] = {}
        self.player = MediaPlayer(self)
        self.bridging = Bridging(self)
        self.originator = Originator(self)
        self.started_at = ari_timestamp()
        self._sequence = itertools.count()

    # -- lookups: the checks and error messages of res/ari/resource_channels.c

    def channel(self, channel_id: str) -> Channel:
        return lookup(self.channels, channel_id, "Channel not found")

    def stasis_channel(self, channel_id: str) -> Channel:
        channel = self.channel(channel_id)
        if channel.stasis_app is None:
            raise AriError(409, "Channel not in Stasis application")
        return channel

    def controllable_channel(self, channel_id: str) -> Channel:
        """A channel in Stasis whose state allows media operations (not an unanswered outbound one)."""
        channel = self.stasis_channel(channel_id)
        if channel.state in ("Down", "Rsrved", "Ringing"):
            raise AriError(412, "Channel in invalid state")
        return channel

    # -- creation

    def create_channel(self, *, channel_id: str | None, name_prefix: str, name_suffix: str = "",
                       state: str, caller: CallerId, connected: CallerId, dialplan: DialplanLocation) -> Channel:
        sequence = next(self._sequence)
        channel_id = channel_id or f"{int(time.time())}.{sequence}"
        if channel_id in self.channels:
            raise AriError(409, "Channel with given unique ID already exists")
        channel = Channel(channel_id, f"{name_prefix}-{sequence:08x}{name_suffix}", state, caller, connected,
                          dialplan, ari_timestamp())
        self.channels[channel_id] = channel
        self.emit("ChannelCreated", channel)
        return channel

    def place_inbound_call(self, dialed_number: str, caller_number: str, caller_name: str, app: str,
                           args: list[str], actions: Iterable[CallerAction]) -> Channel:
        """A call from a phone that the dialplan sends to ``Stasis(app,args...)``, as a PJSIP trunk delivers it."""
        if not self.events.is_connected(app):
            raise AriError(409, f"Stasis application '{app}' is not connected")
        endpoint = f"PJSIP/{self.config.inbound_endpoint}"
        channel = self.create_channel(
            channel_id=None, name_prefix=endpoint, state="Ring", caller=CallerId(caller_name, caller_number),
            connected=CallerId(), dialplan=DialplanLocation(self.config.inbound_context, dialed_number))
        self.calls.open(channel, "inbound", dialed_number, endpoint)
        self.enter_stasis(channel, app, args)
        self.schedule_caller_actions(channel, actions)
        return channel

    # -- events

    def emit(self, event_type: str, channel: Channel, **fields) -> None:
        self.events.publish(make_event(event_type, **fields, channel=channel.to_ari()), channel=channel)

    # -- state and variables

    def set_state(self, channel: Channel, state: str) -> None:
        if channel.state != state:
            channel.state = state
            self.emit("ChannelStateChange", channel)

    def set_variable(self, channel: Channel, name: str, value: str) -> None:
        channel.variables[name] = value
        self.emit("ChannelVarset", channel, variable=name, value=value)

    def get_variable(self, channel: Channel, name: str) -> str:
        if name.endswith(")"):
            return self._read_function(channel, name)
        if name not in channel.variables:
            raise AriError(404, "Provided variable was not found")
        return channel.variables[name]

    @staticmethod
    def _read_function(channel: Channel, expression: str) -> str:
        # The few dialplan functions a flow reads through ARI; Asterisk would evaluate any of them.
        functions = {"CALLERID(num)": channel.caller.number, "CALLERID(name)": channel.caller.name,
                     "CHANNEL(name)": channel.name, "CHANNEL(state)": channel.state,
                     "CHANNEL(language)": channel.language}
        if expression not in functions:
            raise AriError(500, "Unable to read provided function")
        return functions[expression]

    # -- Stasis

    def enter_stasis(self, channel: Channel, app: str, args: list[str]) -> None:
        """What app_stasis does: reset STASISSTATUS, then hand the channel to the application. The app
        subscribes only now, so an inbound channel's earlier events never reach it."""
        app_data = ",".join([app, *args])
        self.set_variable(channel, "STASISSTATUS", "")
        if not self.events.is_connected(app):
            self.set_variable(channel, "STASISSTATUS", "FAILED")
            self.calls.note(channel.id, "StasisFailed", app=app)
            self.destroy(channel, causes.NORMAL_CLEARING)
            return
        channel.dialplan_before_stasis = (channel.dialplan.app_name, channel.dialplan.app_data)
        channel.dialplan.app_name, channel.dialplan.app_data = "Stasis", app_data
        channel.stasis_app = app
        subscribe(channel, app)
        self.events.publish(make_event("StasisStart", args=list(args), channel=channel.to_ari()),
                            channel=channel, to_app=app)

    def leave_stasis(self, channel: Channel) -> None:
        app = channel.stasis_app
        if channel.bridge is not None:
            self.bridging.remove(channel.bridge, [channel])
        channel.stasis_app = None
        # Asterisk drops the Stasis subscription before sending StasisEnd to the app itself; an inbound
        # channel has no other, so STASISSTATUS and ChannelDestroyed are no longer delivered for it.
        unsubscribe(channel, app)
        self.events.publish(make_event("StasisEnd", channel=channel.to_ari()), channel=channel, to_app=app)
        self.set_variable(channel, "STASISSTATUS", "SUCCESS")
        channel.dialplan.app_name, channel.dialplan.app_data = channel.dialplan_before_stasis

    def continue_in_dialplan(self, channel: Channel) -> None:
        """The sandbox has no dialplan after Stasis: the channel leaves Stasis (StasisEnd) and, the
        dialplan having nothing more for it, is destroyed."""
        self.destroy(channel, causes.NORMAL_CLEARING)

    # -- the far end

    def schedule_caller_actions(self, channel: Channel, actions: Iterable[CallerAction]) -> None:
        for action in actions:
            if action.dtmf is not None:
                self.schedule(channel, action.at_seconds, self.receive_dtmf, channel, action.dtmf)
            else:
                self.schedule(channel, action.at_seconds, self.hangup, channel, action.hangup_cause, False)

    def schedule(self, channel: Channel, sim_seconds: float, callback: Callable[..., Any],
                 *args: Any) -> asyncio.TimerHandle:
        """Run ``callback`` later unless the channel is gone by then."""
        timer = self.clock.call_later(sim_seconds, callback, *args)
        channel.timers.append(timer)
        return timer

    def receive_dtmf(self, channel: Channel, digits: str, gap_ms: int = DTMF_GAP_MS,
                     duration_ms: int = DTMF_DURATION_MS) -> None:
        """The caller presses ``digits``; each arrives (ChannelDtmfReceived) when its key is released."""
        for position, digit in enumerate(digits):
            released_at = (position * (duration_ms + gap_ms) + duration_ms) / 1000
            self.schedule(channel, released_at, self._dtmf_received, channel, digit, duration_ms)

    def _dtmf_received(self, channel: Channel, digit: str, duration_ms: int) -> None:
        self.emit("ChannelDtmfReceived", channel, digit=digit, duration_ms=duration_ms)
        self.player.dtmf_received(channel, digit)

    # -- the end of a channel

    def hangup(self, channel: Channel, cause: int, soft: bool) -> None:
        """Hang ``channel`` up: ``soft`` when the application asked (DELETE /channels), otherwise the far
        end hung up with ``cause``."""
        if channel.hanging_up:
            return
        channel.hanging_up = True
        if soft:
            self.emit("ChannelHangupRequest", channel, cause=causes.SOFT_HANGUP_EXPLICIT, soft=True)
        else:
            self.emit("ChannelHangupRequest", channel, cause=cause)
        if channel.origination is not None:
            channel.origination.hung_up(cause)
        self.destroy(channel, cause)

    def destroy(self, channel: Channel, cause: int) -> None:
        self.player.abort(channel)
        if channel.stasis_app is not None:
            self.leave_stasis(channel)
        self.emit("ChannelDestroyed", channel, cause=cause, cause_txt=causes.cause_text(cause))
        for timer in channel.timers:
            timer.cancel()
        channel.timers.clear()
        channel.app_interest.clear()
        channel.origination = None
        self.channels.pop(channel.id, None)

    # -- whole-PBX operations for the control API

    def counts(self) -> dict:
        return {"channels": len(self.channels), "bridges": len(self.bridges), "playbacks": len(self.playbacks),
                "recordings": len(self.live_recordings), "stored_recordings": len(self.recordings.stored),
                "connected_apps": self.events.connected_apps(),
                "calls": {"live": len(self.calls.live), "ended_kept": len(self.calls.ended)}}

    def reset(self) -> None:
        """Hang every call up (the application sees it happen), destroy every bridge, forget history."""
        for channel in list(self.channels.values()):
            self.hangup(channel, causes.NORMAL_CLEARING, soft=False)
        for bridge in list(self.bridges.values()):
            self.bridging.destroy(bridge)
        self.calls.forget_all()
        self.catalog.forget_all()
        self.recordings.stored.clear()  # the files stay where they are
        self.originator.reset_script()
