"""Settings of one sandbox PBX instance."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def _default_recordings_dir() -> Path:
    return Path(tempfile.gettempdir()) / "voxflow-sandbox-recordings"


@dataclass(frozen=True)
class SandboxConfig:
    host: str = "127.0.0.1"
    port: int = 8088
    user: str = "voxflow"
    password: str = "voxflow"
    # Stasis application an inbound test call enters when the caller names none.
    app: str = "voxflow"
    # Simulated seconds are multiplied by this before they become real seconds: 0.01 runs 100x faster.
    time_scale: float = 1.0
    recordings_dir: Path = field(default_factory=_default_recordings_dir)
    # How long a `sound:` medium plays when nobody registered its duration.
    default_media_seconds: float = 2.0
    # How many ended calls (with transcripts) stay visible in /sandbox/calls.
    ended_calls_kept: int = 200
    transcript_entries_per_call: int = 500
    # Registered media (TTS files and their texts) kept, least recently registered dropped first.
    media_entries_kept: int = 10_000
    # Identity of this "Asterisk" in every event, as a MAC-style id like a real one.
    asterisk_id: str = "02:00:5e:00:53:01"
    # The PJSIP endpoint inbound test calls come from and the dialplan context they enter Stasis in.
    inbound_endpoint: str = "sandbox-trunk"
    inbound_context: str = "from-sandbox"
    # WebSocket keep-alive pings (seconds between them, and to wait for the pong); None: never ping.
    ws_ping_interval: float | None = 20.0
    ws_ping_timeout: float | None = 20.0

    def __post_init__(self) -> None:
        if self.time_scale <= 0:
            raise ValueError("time_scale must be positive")
