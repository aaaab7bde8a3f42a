"""Synthesised prompts on disk, named by what they say, bounded in total size."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path

from flow_runtime.tts.audio import WAV_SUFFIX

# Prompts of personalised broadcasts carry personal data (names, debts): by default readable by the owner and
# the group Asterisk runs in, never by everyone.
DEFAULT_FILE_MODE = 0o640
_KEY = re.compile(r"^[0-9a-f]{64}$")
_PARTIAL_SUFFIX = ".partial" + WAV_SUFFIX

CreateFile = Callable[[Path], Awaitable[None]]


def cache_key(engine: str, voice: str, language: str, text: str) -> str:
    """sha256 of everything that changes the sound; JSON keeps the parts apart ("a|b" + "c" ≠ "a" + "b|c")."""
    return hashlib.sha256(json.dumps([engine, voice, language, text]).encode()).hexdigest()


class PromptCache:
    """Files named ``<key>.wav`` under ``directory``, at most ``max_bytes`` in total.

    Over the bound, the least recently used files go first; the newest file always stays, even when it alone
    is larger than the bound. One process owns a directory: the index of sizes and recency lives in memory and
    is rebuilt from the files on start (oldest modification first), and every hit touches the file's mtime so
    the order survives a restart. Files appear by rename, so a half-written file is never served, and
    concurrent requests for one key create it once.
    """

    def __init__(self, directory: Path, max_bytes: int, *, file_mode: int = DEFAULT_FILE_MODE) -> None:
        if max_bytes <= 0:
            raise ValueError("The TTS cache needs a positive size bound")
        self.directory = directory
        self.max_bytes = max_bytes
        self.file_mode = file_mode
        self._sizes: OrderedDict[str, int] = OrderedDict()  # least recently used first
        self._total_bytes = 0
        self._in_flight: dict[str, asyncio.Future[Path]] = {}
        directory.mkdir(parents=True, exist_ok=True)
        self._load()

    @property
    def total_bytes(self) -> int:
        return self._total_bytes

    def path_for(self, key: str) -> Path:
        return self.directory / f"{key}{WAV_SUFFIX}"

    async def get_or_create(self, key: str, create: CreateFile) -> Path:
        """The file of ``key``; on a miss ``create(path)`` writes it first (to a temporary path it is given)."""
        path = self.path_for(key)
        if self._hit(key, path):
            return path
        in_flight = self._in_flight.get(key)
        if in_flight is None:
            in_flight = asyncio.ensure_future(self._create(key, path, create))
            self._in_flight[key] = in_flight
            in_flight.add_done_callback(lambda _: self._in_flight.pop(key, None))
        # Shielded: one waiter giving up (a caller hanging up) must not cancel the synthesis the others await.
        return await asyncio.shield(in_flight)

    def _hit(self, key: str, path: Path) -> bool:
        if key not in self._sizes:
            return False
        try:
            os.utime(path)
        except FileNotFoundError:  # removed behind our back: synthesise again
            self._forget(key)
            return False
        self._sizes.move_to_end(key)
        return True

    async def _create(self, key: str, path: Path, create: CreateFile) -> Path:
        partial = path.with_name(f".{key}.{secrets.token_hex(4)}{_PARTIAL_SUFFIX}")
        try:
            await create(partial)
            os.chmod(partial, self.file_mode)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        self._remember(key, path.stat().st_size)
        self._evict()
        return path

    def _load(self) -> None:
        found: list[tuple[float, str, int]] = []
        with os.scandir(self.directory) as entries:
            for entry in entries:
                if entry.name.endswith(_PARTIAL_SUFFIX):  # left by a process that died while writing
                    os.unlink(entry.path)
                    continue
                key = entry.name.removesuffix(WAV_SUFFIX)
                if entry.name.endswith(WAV_SUFFIX) and _KEY.match(key):
                    stat = entry.stat()
                    found.append((stat.st_mtime, key, stat.st_size))
        for _, key, size in sorted(found):
            self._remember(key, size)
        self._evict()

    def _remember(self, key: str, size: int) -> None:
        self._forget(key)
        self._sizes[key] = size
        self._total_bytes += size

    def _forget(self, key: str) -> None:
        self._total_bytes -= self._sizes.pop(key, 0)

    def _evict(self) -> None:
        while self._total_bytes > self.max_bytes and len(self._sizes) > 1:
            key, size = self._sizes.popitem(last=False)
            self._total_bytes -= size
            self.path_for(key).unlink(missing_ok=True)
