"""Festival (``text2wave``): an optional offline engine with more natural English voices."""

from __future__ import annotations

from pathlib import Path

from flow_runtime.tts.audio import run_program
from flow_runtime.tts.engine import LocalProgramEngine


class FestivalEngine(LocalProgramEngine):
    name = "festival"
    program_name = "text2wave"
    # Debian: festvox-kallpc16k (English); the Russian voice comes from festvox-ru.
    default_voices = {"ru": "msu_ru_nsh_clunits", "en": "kal_diphone"}

    async def _speak(self, text: str, language: str, voice: str, workdir: Path) -> Path:
        source, speech = workdir / "text.txt", workdir / "speech.wav"
        source.write_text(text, encoding="utf-8")
        # The voice lands inside Scheme code; the engine only accepts names of letters, digits and '_+.-'.
        await run_program(
            [self.program, "-eval", f"(voice_{voice})", "-o", str(speech), str(source)],
            timeout_seconds=self.timeout_seconds,
        )
        return speech
