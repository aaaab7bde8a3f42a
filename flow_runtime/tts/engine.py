"""The TTS engine interface: text in, a WAV file Asterisk can play out."""

from __future__ import annotations

import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from flow_runtime.tts.audio import convert_to_telephony_wav, require_program
from flow_runtime.tts.cache import PromptCache, cache_key
from flow_runtime.tts.errors import TtsError

LANGUAGES = ("ru", "en")
DEFAULT_MAX_TEXT_LENGTH = 2000  # the flow editor's limit on a TTS item
DEFAULT_TIMEOUT_SECONDS = 30.0
# Voice names go onto command lines and into festival's Scheme: letters, digits and a few separators only.
_VOICE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+.-]{0,63}$")


class TtsEngine(ABC):
    """Speaks text into 8 kHz mono 16-bit WAV files, cached.

    ``synthesize`` is the whole interface the runtime uses. An engine subclass says only how to make speech
    audio in any format sox reads (``_speak``); this class checks the request, serves repeats from the cache,
    makes each distinct prompt once and converts it for Asterisk.
    """

    name: ClassVar[str]
    # The voice of each language when a flow names none.
    default_voices: ClassVar[Mapping[str, str]]

    def __init__(self, cache: PromptCache, *, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
                 max_text_length: int = DEFAULT_MAX_TEXT_LENGTH) -> None:
        self.cache = cache
        self.timeout_seconds = timeout_seconds
        self.max_text_length = max_text_length
        self.sox = require_program("sox")
        self.syntheses = 0  # prompts actually synthesised (cache misses)

    @property
    def cache_identity(self) -> str:
        """What, besides voice, language and text, decides the sound: two engines with one identity share files."""
        return self.name

    async def synthesize(self, text: str, language: str, voice: str | None = None) -> Path:
        """The WAV file speaking ``text``; the same request again returns the same file without synthesis."""
        text = self._checked_text(text)
        if language not in LANGUAGES:
            raise TtsError(f"Unsupported language {language!r}; use one of {', '.join(LANGUAGES)}")
        voice = self._checked_voice(voice) if voice else self.default_voices[language]
        key = cache_key(self.cache_identity, voice, language, text)
        return await self.cache.get_or_create(key, lambda path: self._synthesize_into(path, text, language, voice))

    async def _synthesize_into(self, destination: Path, text: str, language: str, voice: str) -> None:
        self.syntheses += 1
        with tempfile.TemporaryDirectory(prefix="voxflow-tts-") as workdir:
            speech = await self._speak(text, language, voice, Path(workdir))
            await convert_to_telephony_wav(self.sox, speech, destination, timeout_seconds=self.timeout_seconds)

    @abstractmethod
    async def _speak(self, text: str, language: str, voice: str, workdir: Path) -> Path:
        """Write ``text`` spoken into a new file under ``workdir`` (any format sox reads) and return its path."""

    def _checked_text(self, text: str) -> str:
        text = text.strip()
        if not text:
            raise TtsError("Nothing to say: the text is empty")
        if len(text) > self.max_text_length:
            raise TtsError(f"The text is {len(text)} characters long; at most {self.max_text_length} can be spoken")
        return text

    @staticmethod
    def _checked_voice(voice: str) -> str:
        if not _VOICE.match(voice):
            raise TtsError(f"Invalid voice name {voice!r}: letters, digits, '_', '+', '.', '-' only")
        return voice


class LocalProgramEngine(TtsEngine):
    """An engine running a program installed on this machine, found when the engine is built."""

    program_name: ClassVar[str]

    def __init__(self, cache: PromptCache, **options: Any) -> None:
        super().__init__(cache, **options)
        self.program = require_program(self.program_name)
