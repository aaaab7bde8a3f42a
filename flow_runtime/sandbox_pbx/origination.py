"""Originated calls (POST /channels): the one state machine from dialling to answer or failure.

The sandbox behaves like a PJSIP trunk: the originated channel *is* the call to the far end, so it
carries the far end's real cause (17 busy, 34 congestion, 21 rejected, 19 no answer). Its events are
those Asterisk sends for the originated channel in the recording (the `;1` half of the Local channel
used there): a failed call never reaches StasisStart and its outcome is in Dial's ``dialstatus``."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from . import causes
from .errors import AriError
from .events import make_event, subscribe
from .model import ORIGINATED_DIALPLAN_APP, CallerId, Channel, DialplanLocation
from .scripts import OutcomeRule, OutcomeScript

if TYPE_CHECKING:
    from .pbx import SandboxPbx

DEFAULT_TIMEOUT_SECONDS = 30
_PHONE_NUMBER = re.compile(r"[0-9+*#()\-. ]+")


def parse_caller_id(text: str) -> CallerId:
    """``"Name" <number>``, ``Name <number>`` or a bare number or name, as ast_callerid_parse reads it."""
    text = text.strip()
    if text.endswith(">") and "<" in text:
        name, _, number = text[:-1].partition("<")
        return CallerId(name.strip().strip('"'), number.strip())
    if _PHONE_NUMBER.fullmatch(text):
        return CallerId("", text)
    return CallerId(text.strip('"'), "")


def _dial_timeout(timeout: int | None) -> int | None:
    """Seconds to wait for an answer (``None``: forever), read as ARI reads ``timeout``."""
    if timeout == -1:
        return None
    return timeout if timeout is not None and timeout > 0 else DEFAULT_TIMEOUT_SECONDS


class Origination:
    """One originated channel's progress. Every step is scheduled on the channel, so a hangup (which
    cancels the channel's timers) stops it wherever it is."""

    def __init__(self, pbx: SandboxPbx, channel: Channel, rule: OutcomeRule, app: str, args: list[str],
                 dialstring: str, timeout_seconds: int | None, *, local: bool = False) -> None:
        self.pbx = pbx
        # A Local channel's originated half (;1) learns busy and congestion only from Dial: it is destroyed
        # with cause 0 "Unknown", as recorded; the far half (not simulated) would carry the real cause.
        self.local = local
        self.channel = channel
        self.rule = rule
        self.app = app
        self.args = args
        self.dialstring = dialstring
        self.timeout_seconds = timeout_seconds
        self.dialing = True
        self._timeout: asyncio.TimerHandle | None = None

    def start(self) -> None:
        self._dial("")
        if self.rule.outcome == "no_answer" or self.rule.ring_seconds > 0:
            self.pbx.schedule(self.channel, 0, self._ringing)
        if self.rule.outcome != "no_answer":
            self.pbx.schedule(self.channel, self.rule.ring_seconds, self._far_end_responds)
        if self.timeout_seconds is not None:
            self._timeout = self.pbx.schedule(self.channel, self.timeout_seconds, self._timed_out)

    def hung_up(self, cause: int) -> None:
        """The channel is being hung up (by the application or the far end rejecting it)."""
        if self.dialing:
            self._dial(causes.dial_status_for_hangup(cause))
            self.dialing = False

    def _dial(self, dialstatus: str) -> None:
        event = make_event("Dial", dialstatus=dialstatus, forward="", dialstring=self.dialstring,
                           peer=self.channel.to_ari())
        self.pbx.events.publish(event, channel=self.channel)

    def _ringing(self) -> None:
        self.pbx.set_state(self.channel, "Ringing")
        self._dial("RINGING")

    def _far_end_responds(self) -> None:
        outcome = self.rule.outcome
        if outcome == "answer":
            if self._timeout is not None:
                self._timeout.cancel()
            self.pbx.set_state(self.channel, "Up")
            self._dial("ANSWER")
            self.dialing = False
            self.pbx.enter_stasis(self.channel, self.app, self.args)
            if self.channel.id in self.pbx.channels:  # gone if the application was not connected
                self.pbx.schedule_caller_actions(self.channel, self.rule.actions)
        elif outcome == "busy":
            self._failed("BUSY", causes.USER_BUSY)
        elif outcome == "congestion":
            self._failed("CONGESTION", causes.CONGESTION)
        elif outcome == "rejected":
            # The far end hangs up before answering: HangupRequest, Dial NOANSWER, ChannelDestroyed 21.
            self.pbx.hangup(self.channel, causes.CALL_REJECTED, soft=False)

    def _failed(self, dialstatus: str, cause: int) -> None:
        self._dial(dialstatus)
        self.dialing = False
        self.pbx.destroy(self.channel, causes.UNKNOWN if self.local else cause)

    def _timed_out(self) -> None:
        # Asterisk's dialler gives up without a final Dial event; the channel goes with cause 19.
        self.dialing = False
        self.pbx.destroy(self.channel, causes.NO_ANSWER)


class Originator:
    """Handles POST /channels and holds the script that decides how each originated call ends."""

    def __init__(self, pbx: SandboxPbx) -> None:
        self.pbx = pbx
        self._script = OutcomeScript()
        self._used: dict[int, int] = {}  # rule position → originations it decided (rules with ``times``)

    @property
    def script(self) -> OutcomeScript:
        return self._script

    @script.setter
    def script(self, script: OutcomeScript) -> None:
        self._script = script
        self._used = {}

    def reset_script(self) -> None:
        self.script = OutcomeScript()

    def originate(self, *, endpoint: str, app: str | None, app_args: str | None, caller_id: str | None,
                  timeout: int | None, channel_id: str | None, variables: dict[str, str]) -> Channel:
        tech, _, resource = endpoint.partition("/")
        if not tech or not resource:
            raise AriError(400, "Invalid endpoint specified")
        if not app:
            # Asterisk could also send the call into the dialplan; the sandbox has no dialplan.
            raise AriError(400, "Application or extension must be specified (the sandbox supports app only)")
        number, _, domain = resource.partition("@")
        if tech == "Local":
            name_prefix, name_suffix, context = f"Local/{resource}", ";1", domain or "default"
        else:  # PJSIP/number@trunk names the channel after the trunk endpoint
            name_prefix, name_suffix, context = f"{tech}/{domain or resource}", "", "default"
        caller = parse_caller_id(caller_id or "")
        channel = self.pbx.create_channel(
            channel_id=channel_id, name_prefix=name_prefix, name_suffix=name_suffix, state="Down",
            caller=caller, connected=CallerId(caller.name, caller.number),
            dialplan=DialplanLocation(context, number if tech == "Local" else "s", 1, *ORIGINATED_DIALPLAN_APP))
        channel.variables.update(variables)  # set before the app subscribes: no ChannelVarset, as in Asterisk
        subscribe(channel, app)
        self.pbx.calls.open(channel, "outbound", number, endpoint)
        channel.origination = Origination(self.pbx, channel, self.script.rule_for(endpoint, number, self._used), app,
                                          app_args.split(",") if app_args else [], resource,
                                          _dial_timeout(timeout), local=tech == "Local")
        channel.origination.start()
        return channel
