"""espeak-ng: the offline default engine, installed with Voxflow; robotic but clear, Russian and English."""

from __future__ import annotations

from pathlib import Path

from flow_runtime.tts.audio import run_program
from flow_runtime.tts.engine import LocalProgramEngine


class EspeakEngine(LocalProgramEngine):
    name = "espeak"
    program_name = "espeak-ng"
    # `espeak-ng --voices` lists the rest; a variant is appended with '+', e.g. "ru+f3" (a female voice).
    default_voices = {"ru": "ru", "en": "en-us"}

    async def _speak(self, text: str, language: str, voice: str, workdir: Path) -> Path:
        speech = workdir / "speech.wav"
        # The text goes through stdin: as an argument, a text starting with '-' would be read as an option.
        # `-b 1`: the input is UTF-8 whatever the locale, so Cyrillic survives a C locale.
        await run_program(
            [self.program, "-b", "1", "-v", voice, "-w", str(speech), "--stdin"],
            stdin=text.encode("utf-8"),
            timeout_seconds=self.timeout_seconds,
        )
        return speech
