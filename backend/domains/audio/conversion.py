"""Audio sniffing and conversion to what Asterisk plays (8 kHz, mono, 16-bit signed PCM WAV), with sox."""

from __future__ import annotations

import asyncio
from pathlib import Path

CONVERSION_TIMEOUT_SECONDS = 60


class UnreadableAudio(Exception):
    pass


def sniff_format(head: bytes) -> str | None:
    """The container by its first bytes; the file name and declared content type are not trusted."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


async def _run(*command: str) -> str:
    process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(), CONVERSION_TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        raise UnreadableAudio("conversion took too long") from None
    if process.returncode != 0:
        raise UnreadableAudio(err.decode(errors="replace").strip().splitlines()[-1] if err else "sox failed")
    return out.decode()


async def convert_for_asterisk(source: Path, source_format: str, target: Path) -> float:
    """Writes ``target`` as 8 kHz mono 16-bit WAV and returns its duration in seconds."""
    await _run("sox", "-t", source_format, str(source), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
               "-t", "wav", str(target))
    duration = float((await _run("soxi", "-D", str(target))).strip() or 0)
    if duration <= 0:
        raise UnreadableAudio("the file holds no sound")
    return duration
