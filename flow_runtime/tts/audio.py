"""Telephony audio files: running the audio programs, converting to what Asterisk plays, naming and timing."""

from __future__ import annotations

import asyncio
import shutil
import wave
from collections.abc import Sequence
from pathlib import Path

from flow_runtime.tts.errors import TtsError

# Asterisk's `wav` format: 8 kHz, mono, 16-bit signed PCM. Anything else makes Asterisk transcode or refuse.
SAMPLE_RATE = 8000
CHANNELS = 1
SAMPLE_BITS = 16
WAV_SUFFIX = ".wav"
# stderr kept in an error message: enough to see why a program failed, not a flood.
_STDERR_CHARS = 500


def require_program(program: str) -> str:
    """The full path of an installed program; a clear error at construction beats one at the first call."""
    found = shutil.which(program)
    if found is None:
        raise TtsError(f"{program} is not installed (on Debian: apt-get install {program})")
    return found


async def run_program(argv: Sequence[str], *, timeout_seconds: float, stdin: bytes | None = None) -> None:
    """Run a program without a shell and without blocking the event loop; a TtsError on failure or timeout.

    The process is killed when the caller gives up (timeout or cancellation), so no synthesis outlives its call.
    """
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, stderr = await asyncio.wait_for(process.communicate(stdin), timeout_seconds)
    except BaseException as exc:
        if process.returncode is None:
            process.kill()
            await process.wait()
        if isinstance(exc, TimeoutError):
            raise TtsError(f"{Path(argv[0]).name} took longer than {timeout_seconds:g} s") from None
        raise
    if process.returncode != 0:
        detail = stderr.decode("utf-8", errors="replace").strip()[:_STDERR_CHARS]
        raise TtsError(f"{Path(argv[0]).name} failed (exit status {process.returncode}): {detail}")


async def convert_to_telephony_wav(sox: str, source: Path, destination: Path, *, timeout_seconds: float) -> None:
    """Convert any audio sox reads into 8 kHz mono 16-bit WAV; sox resamples and downmixes as needed."""
    await run_program(
        [sox, "-V1", str(source),
         "-r", str(SAMPLE_RATE), "-c", str(CHANNELS), "-b", str(SAMPLE_BITS), "-e", "signed-integer",
         "-t", "wav", str(destination)],
        timeout_seconds=timeout_seconds,
    )


def media_uri(path: Path) -> str:
    """The ARI media URI that plays a WAV file: Asterisk takes the absolute path without the extension and
    picks the format (here `wav`) itself."""
    if path.suffix != WAV_SUFFIX:
        raise ValueError(f"Asterisk plays these prompts as .wav files, not {path.name!r}")
    return f"sound:{path.absolute().with_suffix('')}"


def estimated_duration(path: Path) -> float:
    """How long a WAV file plays, in seconds, from its header."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()
