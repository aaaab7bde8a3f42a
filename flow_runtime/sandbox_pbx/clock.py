"""Simulated time: every delay in the sandbox is in simulated seconds, scaled once here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

_last_stamp = (-1, "")  # (millisecond, its text): a busy sandbox stamps many events within one millisecond


def ari_timestamp() -> str:
    """Wall-clock time the way Asterisk writes it in events: ``2026-11-22T03:34:32.260+0000``."""
    global _last_stamp
    millisecond = int(time.time() * 1000)
    if millisecond != _last_stamp[0]:
        seconds, fraction = divmod(millisecond, 1000)
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:03d}+0000"
        _last_stamp = (millisecond, text)
    return _last_stamp[1]


class SimClock:
    """Schedules callbacks on the running loop; ``time_scale`` 0.01 makes a 2 s prompt take 20 ms."""

    def __init__(self, time_scale: float) -> None:
        self.time_scale = time_scale

    def call_later(self, sim_seconds: float, callback: Callable[..., Any], *args: Any) -> asyncio.TimerHandle:
        loop = asyncio.get_running_loop()
        return loop.call_later(max(sim_seconds, 0.0) * self.time_scale, callback, *args)

    def now(self) -> float:
        """Simulated seconds on a monotonic scale (only differences mean anything)."""
        return asyncio.get_running_loop().time() / self.time_scale
