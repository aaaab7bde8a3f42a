"""What media sound like (how long they play, what a TTS file says) and the stored recordings on disk."""

from __future__ import annotations

import math
import wave
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import AriError
from .model import StoredRecording

SAMPLE_RATE = 8000
# Rough speed of Asterisk's say-digits/say-number prompts.
SAY_SECONDS_PER_CHARACTER = 0.6
# One byte of silence per sample in the 8-bit companded formats; `sln` and `wav` are 16-bit zeros.
_SILENCE_BYTE = {"ulaw": b"\xff", "alaw": b"\xd5"}
RECORDING_FORMATS = ("wav", "sln", "ulaw", "alaw")
CONTENT_TYPES = {"wav": "audio/wav"}


@dataclass(frozen=True)
class MediaInfo:
    duration_seconds: float  # math.inf: plays until stopped (tones)
    text: str | None = None


class RecordingStore:
    """Recordings that finished, each written as a real file of silence as long as the recording."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.stored: dict[str, StoredRecording] = {}

    def save(self, name: str, audio_format: str, duration_seconds: float) -> StoredRecording:
        path = self.path_for(name, audio_format)
        path.parent.mkdir(parents=True, exist_ok=True)
        samples = round(duration_seconds * SAMPLE_RATE)
        if audio_format == "wav":
            with wave.open(str(path), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(SAMPLE_RATE)
                wav.writeframes(bytes(2 * samples))
        else:
            path.write_bytes(_SILENCE_BYTE.get(audio_format, b"\x00\x00") * samples)
        stored = StoredRecording(name, audio_format, duration_seconds, path)
        self.stored[name] = stored
        return stored

    def delete(self, name: str) -> bool:
        stored = self.stored.pop(name, None)
        if stored is None:
            return False
        stored.path.unlink(missing_ok=True)
        return True

    def path_for(self, name: str, audio_format: str) -> Path:
        relative = PurePosixPath(name)
        if not name or relative.is_absolute() or ".." in relative.parts:
            raise AriError(400, "Recording name invalid")
        return self.directory / f"{name}.{audio_format}"


class MediaCatalog:
    """How long each medium plays. The runtime registers its TTS files (duration and text) through the
    control API; everything else gets a plausible length from its URI scheme."""

    def __init__(self, default_seconds: float, max_entries: int, recordings: RecordingStore) -> None:
        self.default_seconds = default_seconds
        self.max_entries = max_entries
        self.recordings = recordings
        self._registered: OrderedDict[str, MediaInfo] = OrderedDict()

    def register(self, media_uri: str, duration_seconds: float | None, text: str | None) -> MediaInfo:
        info = MediaInfo(self.default_seconds if duration_seconds is None else duration_seconds, text)
        self._registered[media_uri] = info
        self._registered.move_to_end(media_uri)
        if len(self._registered) > self.max_entries:
            self._registered.popitem(last=False)
        return info

    def describe(self, media_uri: str) -> MediaInfo | None:
        """``None`` when Asterisk could not play it: an unknown scheme or a recording that does not exist."""
        registered = self._registered.get(media_uri)
        if registered is not None:
            return registered
        scheme, _, resource = media_uri.partition(":")
        if scheme == "sound":
            return MediaInfo(self.default_seconds)
        if scheme == "recording":
            stored = self.recordings.stored.get(resource)
            return MediaInfo(stored.duration_seconds) if stored else None
        if scheme in ("digits", "characters", "number"):
            return MediaInfo(len(resource) * SAY_SECONDS_PER_CHARACTER)
        if scheme == "tone":
            return MediaInfo(math.inf)
        return None

    def forget_all(self) -> None:
        self._registered.clear()
