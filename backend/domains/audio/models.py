from __future__ import annotations

from typing import ClassVar

import pymongo

from tenants.documents import TenantDocument


class AudioAsset(TenantDocument):
    """An uploaded recording: the original file as uploaded and its 8 kHz mono 16-bit WAV for Asterisk."""

    name: str
    original_filename: str
    format: str  # sniffed from the content: wav, mp3 or ogg
    original_bytes: int
    wav_bytes: int
    duration_seconds: float

    object_type: ClassVar[str] = "audio"

    class Settings:
        name = "audio_assets"
        indexes = [pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)])]
