"""The dialer's idea of "now": when contacts are due, whether a calling window is open, and the times
stored on attempts. Injectable, so tests can stop time and move it on; leases and pacing use real time."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Epoch seconds."""

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """Stands still until moved: ``set`` or ``advance``. Sleepers wake when the time they wait for comes."""

    def __init__(self, start: datetime | float) -> None:
        self._now = start.timestamp() if isinstance(start, datetime) else float(start)
        self._moved = asyncio.Condition()

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        until = self._now + max(0.0, seconds)
        async with self._moved:
            await self._moved.wait_for(lambda: self._now >= until)

    async def set(self, when: datetime | float) -> None:
        async with self._moved:
            self._now = when.timestamp() if isinstance(when, datetime) else float(when)
            self._moved.notify_all()

    async def advance(self, seconds: float) -> None:
        await self.set(self._now + seconds)


def to_datetime(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


def to_epoch(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
