"""One call under ARI control: its explicit state, fed by the events the adapter routes to it, and the
REST requests that implement the telephony port for it.

Everything here is plain asyncio; the ARI client that fetches events and sends requests is handed in
(see ``ari_adapter``), so this module does not import asyncari.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from flow_runtime.telephony.port import (
    CallerHungUp, CallInfo, CollectEnd, CollectResult, DialOutcome, DialResult, OriginationProgress, PlayResult,
    RecordResult, TelephonyError,
)

log = logging.getLogger(__name__)

# (method, path, query) → parsed JSON body or None; raises TelephonyError on an ARI error status.
Rest = Callable[[str, str, dict[str, Any] | None], Awaitable[Any]]

HANGUP_REASONS = {"normal", "busy", "congestion", "no_answer", "answered_elsewhere"}
DIALSTATUS_OUTCOMES = {
    "ANSWER": DialOutcome.answered, "BUSY": DialOutcome.busy, "NOANSWER": DialOutcome.no_answer,
    "CANCEL": DialOutcome.no_answer, "CONGESTION": DialOutcome.failed, "CHANUNAVAIL": DialOutcome.failed,
}
CAUSE_OUTCOMES = {17: DialOutcome.busy, 18: DialOutcome.no_answer, 19: DialOutcome.no_answer,
                  21: DialOutcome.failed, 34: DialOutcome.failed, 38: DialOutcome.failed}
# Dial statuses that end dialling (main/dial.c); "", RINGING, PROGRESS and PROCEEDING are progress reports.
FINAL_DIALSTATUSES = {"ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION", "CHANUNAVAIL", "DONTCALL", "TORTURE",
                      "INVALIDARGS"}
_ids = itertools.count(1)


def _subject(event: dict) -> str | None:
    """The channel an event is about: its channel, or for Dial the dialled channel (peer)."""
    channel = event.get("channel") if event["type"] != "Dial" else event.get("peer")
    return channel.get("id") if isinstance(channel, dict) else None


def observe_origination(progress: OriginationProgress, event: dict, now: float) -> None:
    """Adds what ``event`` says about the originated channel to ``progress`` (events about other channels
    are ignored). Pure: the dialer's classifier tests feed it events recorded from Asterisk."""
    if _subject(event) != progress.channel_id:
        return
    kind = event["type"]
    if kind == "Dial":
        status = event.get("dialstatus") or ""
        if status == "RINGING" and progress.ringing_at is None:
            progress.ringing_at = now
        elif status in FINAL_DIALSTATUSES:
            progress.dialstatus = status
            if status == "ANSWER" and progress.answered_at is None:
                progress.answered_at = now
    elif kind == "ChannelStateChange":
        state = event["channel"].get("state")
        if state == "Ringing" and progress.ringing_at is None:
            progress.ringing_at = now
        elif state == "Up" and progress.answered_at is None:
            progress.answered_at = now
    elif kind == "StasisStart":
        progress.in_stasis = True
        if progress.answered_at is None:
            progress.answered_at = now
    elif kind == "ChannelDtmfReceived":
        progress.dtmf += event.get("digit", "")
    elif kind == "ChannelHangupRequest":
        if not event.get("soft") and event.get("cause") is not None:
            progress.far_end_cause = event["cause"]
    elif kind == "ChannelDestroyed":
        progress.cause = event.get("cause")
        progress.cause_txt = event.get("cause_txt")
        progress.ended_at = now


class AriCall:
    """Implements :class:`~flow_runtime.telephony.port.CallChannel` for one Stasis channel."""

    def __init__(self, info: CallInfo, rest: Rest, register_peer: Callable[[str, "AriCall"], None], app: str,
                 formats: str | None = None) -> None:
        self.info = info
        self._app = app
        self._rest = rest
        self._register_peer = register_peer
        self._formats = formats
        self._gone = asyncio.Event()
        self._digits: deque[str] = deque()
        self._digit_arrived = asyncio.Event()
        self._waiting: dict[str, asyncio.Future] = {}  # playback id / recording name / peer id → outcome
        self._peer_up: dict[str, asyncio.Future] = {}
        self.live_playbacks: set[str] = set()
        self.answered_at: float | None = None
        self.hangup_cause: str | None = None
        self._hangup_sent = False
        # Set for calls this runtime originated (the dialer's): what the PBX reported, and when it answered.
        self.progress: OriginationProgress | None = None
        self._now: Callable[[], float] = time.time
        self._answered: asyncio.Event | None = None
        self._destroyed: asyncio.Event | None = None

    # --- events -----------------------------------------------------------------------------------------
    @property
    def hung_up(self) -> bool:
        return self._gone.is_set()

    def on_event(self, event: dict) -> None:
        kind = event["type"]
        if self.progress is not None:
            self._on_origination_event(event)
        if kind == "ChannelDtmfReceived" and event["channel"]["id"] == self.info.channel_id:
            self._digits.append(event["digit"])
            self._digit_arrived.set()
        elif kind == "PlaybackStarted":
            self.live_playbacks.add(event["playback"]["id"])
        elif kind == "PlaybackFinished":
            self.live_playbacks.discard(event["playback"]["id"])
            self._resolve(event["playback"]["id"], event["playback"].get("state"))
        elif kind in ("RecordingFinished", "RecordingFailed"):
            self._resolve(event["recording"]["name"], event["recording"])
        elif kind in ("StasisEnd", "ChannelDestroyed", "ChannelHangupRequest"):
            self._on_leg_gone(event)
        elif kind == "StasisStart":
            self._resolve_peer(event["channel"]["id"], DialResult(DialOutcome.answered))
        elif kind == "Dial" and event.get("dialstatus") in DIALSTATUS_OUTCOMES:
            outcome = DIALSTATUS_OUTCOMES[event["dialstatus"]]
            if outcome != DialOutcome.answered:
                self._resolve_peer(event["peer"]["id"], DialResult(outcome, dialstatus=event["dialstatus"]))

    def _on_origination_event(self, event: dict) -> None:
        progress = self.progress
        observe_origination(progress, event, self._now())
        if _subject(event) != self.info.channel_id:
            return
        if event["type"] == "StasisStart":
            self.answered_at = time.time()
            self._answered.set()
        elif event["type"] == "ChannelDestroyed":
            self._destroyed.set()
            self._answered.set()  # wakes a wait for the answer: it will not come

    def _on_leg_gone(self, event: dict) -> None:
        channel_id = event["channel"]["id"]
        if channel_id == self.info.channel_id:
            self.hangup_cause = event.get("cause_txt") or self.hangup_cause
            self._gone.set()
            self._digit_arrived.set()
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(CallerHungUp())
        elif event["type"] == "ChannelDestroyed":
            cause = event.get("cause")
            self._resolve_peer(channel_id, DialResult(CAUSE_OUTCOMES.get(cause, DialOutcome.failed), cause=cause))
            self._resolve(channel_id, "peer_gone")
        elif event["type"] == "StasisEnd":
            self._resolve(channel_id, "peer_gone")

    def _resolve(self, key: str, value: Any) -> None:
        future = self._waiting.get(key)
        if future is not None and not future.done():
            future.set_result(value)

    def _resolve_peer(self, peer_id: str, result: DialResult) -> None:
        future = self._peer_up.get(peer_id)
        if future is not None and not future.done():
            future.set_result(result)

    async def _wait(self, key: str, timeout: float | None = None) -> Any:
        """Waits for the event keyed ``key``; CallerHungUp if the caller goes first."""
        if self.hung_up:
            raise CallerHungUp()
        future = self._waiting.setdefault(key, asyncio.get_running_loop().create_future())
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        finally:
            self._waiting.pop(key, None)

    def _expect(self, key: str) -> None:
        """Registers interest before the request that causes the event, so a fast event is not missed."""
        self._waiting.setdefault(key, asyncio.get_running_loop().create_future())

    async def _call(self, method: str, path: str, query: dict[str, Any] | None = None) -> Any:
        if self.hung_up:
            raise CallerHungUp()
        try:
            return await self._rest(method, path, query)
        except TelephonyError:
            if self.hung_up:
                raise CallerHungUp() from None
            raise

    @property
    def _path(self) -> str:
        return f"/channels/{self.info.channel_id}"

    # --- the port ---------------------------------------------------------------------------------------
    async def answer(self) -> None:
        if self.progress is not None and self.progress.in_stasis:
            return  # an originated call enters Stasis answered: no request needed
        await self._call("POST", f"{self._path}/answer")
        self.answered_at = time.time()

    async def play(self, media: list[str], *, barge_in: bool = False) -> PlayResult:
        if not media:
            return PlayResult()
        if barge_in and self._digits:
            return PlayResult(interrupted_by=self._digits[0])
        playback_id = f"{self.info.channel_id}-pb{next(_ids)}"
        self._expect(playback_id)
        self._digit_arrived.clear()
        await self._call("POST", f"{self._path}/play", {"media": ",".join(media), "playbackId": playback_id})
        if not barge_in:
            await self._wait(playback_id)
            return PlayResult()
        finished = asyncio.ensure_future(self._wait(playback_id))
        pressed = asyncio.ensure_future(self._digit_arrived.wait())
        try:
            await asyncio.wait({finished, pressed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            pressed.cancel()
        if finished.done():
            finished.result()  # re-raises CallerHungUp
            return PlayResult()
        if self.hung_up:
            finished.cancel()
            raise CallerHungUp()
        await self._stop_playback(playback_id)
        finished.cancel()
        return PlayResult(interrupted_by=self._digits[0] if self._digits else None)

    async def _stop_playback(self, playback_id: str) -> None:
        try:
            await self._rest("DELETE", f"/playbacks/{playback_id}", None)
        except TelephonyError:
            pass  # it finished on its own meanwhile

    def take_buffered_digit(self) -> str | None:
        return self._digits.popleft() if self._digits else None

    async def collect(self, *, max_digits: int, terminator: str | None, first_timeout: float,
                      inter_digit_timeout: float, total_timeout: float | None = None) -> CollectResult:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + total_timeout if total_timeout else None
        digits = ""
        while True:
            if self.hung_up:
                raise CallerHungUp()
            if self._digits:
                digit = self._digits.popleft()
                if terminator and digit == terminator:
                    return CollectResult(digits, CollectEnd.terminator)
                digits += digit
                if len(digits) >= max_digits:
                    return CollectResult(digits, CollectEnd.max_digits)
                continue
            wait = inter_digit_timeout if digits else first_timeout
            if deadline is not None:
                wait = min(wait, deadline - loop.time())
            self._digit_arrived.clear()
            try:
                if wait <= 0:
                    raise TimeoutError
                await asyncio.wait_for(self._digit_arrived.wait(), wait)
            except TimeoutError:
                return CollectResult(digits, CollectEnd.timeout)

    async def record(self, name: str, *, max_seconds: int, silence_seconds: int | None,
                     finish_key: str | None) -> RecordResult:
        query: dict[str, Any] = {"name": name, "format": "wav", "maxDurationSeconds": max_seconds,
                                 "ifExists": "overwrite", "beep": "true", "terminateOn": finish_key or "none"}
        if silence_seconds:
            query["maxSilenceSeconds"] = silence_seconds
        self._expect(name)
        await self._call("POST", f"{self._path}/record", query)
        recording = await self._wait(name, max_seconds + 10)
        duration = float(recording.get("duration") or 0)
        if recording.get("state") == "failed" or duration <= 0:
            return RecordResult(None)
        return RecordResult(name, duration)

    async def set_variable(self, name: str, value: str) -> None:
        await self._call("POST", f"{self._path}/variable", {"variable": name, "value": value})

    async def get_variable(self, name: str) -> str | None:
        try:
            body = await self._call("GET", f"{self._path}/variable", {"variable": name})
        except TelephonyError:
            return None
        return body.get("value") if isinstance(body, dict) else None

    async def dial_and_bridge(self, endpoint: str, *, caller_id: str | None, timeout: int) -> DialResult:
        peer_id = f"{self.info.channel_id}-peer{next(_ids)}"
        self._peer_up[peer_id] = asyncio.get_running_loop().create_future()
        self._register_peer(peer_id, self)
        query: dict[str, Any] = {"endpoint": endpoint, "app": self._app, "appArgs": "peer", "timeout": timeout,
                                 "channelId": peer_id}
        if caller_id:
            query["callerId"] = caller_id
        if self._formats:
            query["formats"] = self._formats
        try:
            await self._call("POST", "/channels", query)
            result = await self._wait_peer(peer_id, timeout + 5)
            if result.outcome != DialOutcome.answered:
                return result
            await self._bridge_until_hangup(peer_id)
            return result
        finally:
            self._peer_up.pop(peer_id, None)

    async def _wait_peer(self, peer_id: str, timeout: float) -> DialResult:
        future = self._peer_up[peer_id]
        gone = asyncio.ensure_future(self._gone.wait())
        try:
            done, _ = await asyncio.wait({future, gone}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        if future.done():
            return future.result()
        await self._hangup_quietly(peer_id)
        if self.hung_up:
            raise CallerHungUp()
        return DialResult(DialOutcome.no_answer)

    async def _bridge_until_hangup(self, peer_id: str) -> None:
        bridge_id = f"{self.info.channel_id}-br{next(_ids)}"
        self._expect(peer_id)
        try:
            await self._call("POST", "/bridges", {"type": "mixing", "bridgeId": bridge_id})
            try:
                await self._call("POST", f"/bridges/{bridge_id}/addChannel",
                                 {"channel": f"{self.info.channel_id},{peer_id}"})
            except TelephonyError as exc:
                log.info("call %s: the answered party left before the bridge (%s)", self.info.channel_id, exc)
                return
            await self._wait(peer_id)  # returns when the peer hangs up; CallerHungUp when the caller does
        finally:
            await self._hangup_quietly(peer_id)
            try:
                await self._rest("DELETE", f"/bridges/{bridge_id}", None)
            except TelephonyError:
                pass

    async def _hangup_quietly(self, channel_id: str) -> None:
        try:
            await self._rest("DELETE", f"/channels/{channel_id}", {"reason": "normal"})
        except TelephonyError:
            pass  # already gone

    async def hangup(self, cause: str = "normal") -> None:
        if self.hung_up or self._hangup_sent:
            return  # a hangup node and then the interpreter's end both hang up: one request does
        self._hangup_sent = True
        for playback_id in list(self.live_playbacks):
            await self._stop_playback(playback_id)
        try:
            await self._rest("DELETE", self._path, {"reason": cause if cause in HANGUP_REASONS else "normal"})
        except TelephonyError:
            self._hangup_sent = False  # the caller hung up at the same moment, or it may be tried again

    # --- calls we originated (the dialer's) ---------------------------------------------------------------
    def begin_origination(self, now: Callable[[], float]) -> OriginationProgress:
        """Makes this the state of a call about to be originated: events from now on are facts about it."""
        self._now = now
        self._answered, self._destroyed = asyncio.Event(), asyncio.Event()
        self.progress = OriginationProgress(channel_id=self.info.channel_id, originated_at=now())
        return self.progress

    def origination_failed(self, error: str) -> None:
        self.progress.error = error
        self.progress.ended_at = self._now()
        self._gone.set()
        self._destroyed.set()
        self._answered.set()

    async def wait_answered(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._answered.wait(), timeout)
        except TimeoutError:
            return False
        return self.progress.in_stasis and not self._destroyed.is_set()

    async def wait_ended(self, timeout: float) -> None:
        try:
            await asyncio.wait_for(self._destroyed.wait(), timeout)
        except TimeoutError:
            if self.progress.ended_at is None:
                self.progress.ended_at = self._now()

    async def cancel(self, *, campaign_cancelled: bool) -> None:
        if self._destroyed.is_set():
            return
        if campaign_cancelled:
            self.progress.cancelled = True
        else:
            self.progress.timed_out = True
        await self._hangup_quietly(self.info.channel_id)
