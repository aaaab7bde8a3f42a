"""Playbacks and recordings, timed by the simulated clock.

A channel (or bridge) runs its media one at a time like Asterisk's command queue: a second play while
one is playing is queued and starts when the first finishes. Playback states follow
res/res_stasis_playback.c: stopping gives PlaybackFinished "done", a hangup interrupting a prompt
gives "failed" (Asterisk 22 marks an interrupted stream as failed), a queued playback that is stopped
finishes "done" without having started."""

from __future__ import annotations

import math
import uuid
from typing import TYPE_CHECKING

from .errors import AriError
from .events import make_event
from .media import RECORDING_FORMATS
from .model import Bridge, Channel, LiveRecording, MediaTarget, Playback

if TYPE_CHECKING:
    from .pbx import SandboxPbx

PLAYBACK_OPERATIONS = ("pause", "unpause", "restart", "reverse", "forward")
TERMINATE_ON = ("none", "any", "*", "#")
IF_EXISTS = ("fail", "overwrite", "append")


def _recording_limit(recording: LiveRecording) -> float:
    """Seconds after which the recording stops by itself. The simulated caller is silent, so a
    silence limit ends it just like a length limit."""
    limits = [limit for limit in (recording.max_duration_seconds, recording.max_silence_seconds) if limit]
    return min(limits) if limits else math.inf


class MediaPlayer:
    def __init__(self, pbx: SandboxPbx) -> None:
        self.pbx = pbx

    # -- playbacks

    def play(self, target: MediaTarget, media_uris: list[str], playback_id: str | None, language: str | None,
             offset_ms: int, skip_ms: int) -> Playback:
        if skip_ms < 0:
            raise AriError(400, "skipms cannot be negative")
        if offset_ms < 0:
            raise AriError(400, "offsetms cannot be negative")
        default_language = target.language if isinstance(target, Channel) else "en"
        playback = Playback(playback_id or str(uuid.uuid4()), media_uris, target, language or default_language,
                            (skip_ms or 3000) / 1000, offset_ms / 1000)
        self.pbx.playbacks[playback.id] = playback
        self._enqueue(target, playback)
        return playback

    def stop_playback(self, playback: Playback) -> None:
        if playback.state == "queued":
            playback.target.media.remove(playback)
            self._finish_playback(playback, "done")
        elif playback.state in ("playing", "paused"):
            self._finish_playback(playback, "done")
            self._next(playback.target)

    def control_playback(self, playback: Playback, operation: str) -> None:
        """pause/unpause/restart/reverse/forward, allowed in the states res_stasis_playback allows them."""
        if operation not in PLAYBACK_OPERATIONS:
            raise AriError(400, f"Invalid operation {operation}")
        if playback.state == "queued" and operation == "restart":
            return
        if playback.state == "paused" and operation in ("pause", "unpause"):
            if operation == "unpause":
                self._resume(playback, playback.remaining_seconds)
                self._publish_playback(playback, "PlaybackStarted")
            return
        if playback.state != "playing":
            raise AriError(409, f"Can only {operation} while media is playing")
        remaining = playback.ends_at - self.pbx.clock.now()
        if operation == "pause":
            self._cancel_timer(playback)
            playback.state, playback.remaining_seconds = "paused", remaining
        elif operation == "restart":
            self._resume(playback, self._medium_seconds(playback))
        elif operation in ("reverse", "forward"):
            step = playback.skip_seconds if operation == "reverse" else -playback.skip_seconds
            self._resume(playback, min(remaining + step, self._medium_seconds(playback)))

    def _start_playback(self, playback: Playback) -> None:
        playback.state = "playing"
        self._publish_playback(playback, "PlaybackStarted")
        if self.pbx.catalog.describe(playback.media_uri) is None:
            # Asterisk logs an unplayable URI and moves on; report it rather than play silence forever.
            self._finish_playback(playback, "failed")
            self._next(playback.target)
            return
        offset = playback.offset_seconds if playback.index == 0 else 0.0
        self._resume(playback, self._medium_seconds(playback) - offset)

    def _medium_seconds(self, playback: Playback) -> float:
        return self.pbx.catalog.describe(playback.media_uri).duration_seconds

    def _resume(self, playback: Playback, seconds: float) -> None:
        self._cancel_timer(playback)
        playback.state = "playing"
        playback.ends_at = self.pbx.clock.now() + seconds
        if not math.isinf(seconds):  # a tone plays until it is stopped
            playback.timer = self.pbx.clock.call_later(seconds, self._medium_ended, playback)

    def _medium_ended(self, playback: Playback) -> None:
        playback.timer = None
        if playback.index < len(playback.media_uris) - 1:
            playback.state = "continuing"
            self._publish_playback(playback, "PlaybackContinuing")
            playback.index += 1
            self._start_playback(playback)
        else:
            self._finish_playback(playback, "done")
            self._next(playback.target)

    def _finish_playback(self, playback: Playback, state: str) -> None:
        self._cancel_timer(playback)
        playback.state = state
        self._publish_playback(playback, "PlaybackFinished")
        self.pbx.playbacks.pop(playback.id, None)

    def _publish_playback(self, playback: Playback, event_type: str) -> None:
        self._publish(playback.target, make_event(event_type, playback=playback.to_ari()))

    # -- recordings

    def record(self, channel: Channel, *, name: str, audio_format: str, max_duration_seconds: int,
               max_silence_seconds: int, if_exists: str, terminate_on: str) -> LiveRecording:
        if max_duration_seconds < 0:
            raise AriError(400, "max_duration_seconds cannot be negative")
        if max_silence_seconds < 0:
            raise AriError(400, "max_silence_seconds cannot be negative")
        if terminate_on not in TERMINATE_ON:
            raise AriError(400, "terminateOn invalid")
        if if_exists not in IF_EXISTS:
            raise AriError(400, "ifExists invalid")
        if audio_format not in RECORDING_FORMATS:
            raise AriError(422, "specified format is unknown on this system")
        if channel.bridge is not None:
            raise AriError(409, "Channel is currently bridged with other channels")
        self.pbx.recordings.path_for(name, audio_format)  # refuses names that would escape the directory
        if name in self.pbx.live_recordings or (if_exists == "fail" and self.pbx.recordings.stored.get(name)):
            raise AriError(409, f"Recording '{name}' already exists and can not be overwritten")
        recording = LiveRecording(name, audio_format, channel, max_duration_seconds, max_silence_seconds,
                                  terminate_on, if_exists)
        self.pbx.live_recordings[name] = recording
        self._enqueue(channel, recording)
        return recording

    def stop_recording(self, recording: LiveRecording, *, keep_file: bool) -> None:
        """POST .../stop keeps the file; DELETE (cancel) discards it. Either way Asterisk reports "done"."""
        if recording.state == "queued":
            recording.target.media.remove(recording)
            self.pbx.live_recordings.pop(recording.name, None)
        else:
            self._finish_recording(recording, keep_file)
            self._next(recording.target)

    def dtmf_received(self, channel: Channel, digit: str) -> None:
        recording = channel.media[0] if channel.media else None
        if (isinstance(recording, LiveRecording) and recording.state == "recording"
                and recording.terminate_on in ("any", digit)):
            self.stop_recording(recording, keep_file=True)

    def _start_recording(self, recording: LiveRecording) -> None:
        channel = recording.target
        self.pbx.set_state(channel, "Up")  # Asterisk answers a channel before recording it
        recording.state = "recording"
        recording.started_at = self.pbx.clock.now()
        self._publish(channel, make_event("RecordingStarted", recording=recording.to_ari()))
        limit = _recording_limit(recording)
        if not math.isinf(limit):
            recording.timer = self.pbx.clock.call_later(limit, self._recording_limit_reached, recording)

    def _recording_limit_reached(self, recording: LiveRecording) -> None:
        recording.timer = None
        self._finish_recording(recording, keep_file=True)
        self._next(recording.target)

    def _finish_recording(self, recording: LiveRecording, keep_file: bool) -> None:
        self._cancel_timer(recording)
        # Timers fire a little late; a recording cut by its limit is exactly as long as the limit.
        seconds = min(self.pbx.clock.now() - recording.started_at, _recording_limit(recording))
        recording.duration = round(seconds)
        if keep_file:
            previous = self.pbx.recordings.stored.get(recording.name)
            if recording.if_exists == "append" and previous is not None:
                seconds += previous.duration_seconds
            self.pbx.recordings.save(recording.name, recording.format, seconds)
        recording.state = "done"
        self._publish(recording.target, make_event("RecordingFinished", recording=recording.to_ari()))
        self.pbx.live_recordings.pop(recording.name, None)

    # -- the queue shared by playbacks and recordings

    def abort(self, target: MediaTarget) -> None:
        """The target hangs up or is destroyed: what runs is cut short, what waits is dropped silently."""
        if not target.media:
            return
        current = target.media.popleft()
        for waiting in target.media:
            self._forget(waiting)
        target.media.clear()
        if isinstance(current, Playback):
            self._finish_playback(current, "failed")
        else:
            self._finish_recording(current, keep_file=True)

    def _enqueue(self, target: MediaTarget, item: Playback | LiveRecording) -> None:
        target.media.append(item)
        if len(target.media) == 1:
            self._start(item)

    def _next(self, target: MediaTarget) -> None:
        target.media.popleft()
        if target.media:
            self._start(target.media[0])

    def _start(self, item: Playback | LiveRecording) -> None:
        if isinstance(item, Playback):
            self._start_playback(item)
        else:
            self._start_recording(item)

    def _forget(self, item: Playback | LiveRecording) -> None:
        if isinstance(item, Playback):
            self.pbx.playbacks.pop(item.id, None)
        else:
            self.pbx.live_recordings.pop(item.name, None)

    def _publish(self, target: MediaTarget, event: dict) -> None:
        if isinstance(target, Bridge):
            self.pbx.events.publish(event, bridge=target)
        else:
            self.pbx.events.publish(event, channel=target)

    @staticmethod
    def _cancel_timer(item: Playback | LiveRecording) -> None:
        if item.timer is not None:
            item.timer.cancel()
            item.timer = None
