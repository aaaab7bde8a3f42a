"""Where a tenant's audio lives on disk, named only by ids: shared by the API (which stores uploads and
recordings) and the runtime (which plays them)."""

from __future__ import annotations

from pathlib import Path

from bson import ObjectId

AUDIO_ORIGINAL, AUDIO_WAV = "original", "prompt.wav"


def audio_folder(data_dir: Path, tenant_id: str, asset_id: str) -> Path:
    return Path(data_dir).resolve() / "audio" / str(ObjectId(tenant_id)) / str(ObjectId(asset_id))


def recordings_folder(data_dir: Path, tenant_id: str) -> Path:
    return Path(data_dir).resolve() / "recordings" / str(ObjectId(tenant_id))
