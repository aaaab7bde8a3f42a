from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from litestar.datastructures import UploadFile

from backend.schemas import RequestModel, ResponseModel, ShortText


@dataclass
class AudioUpload:
    file: UploadFile
    name: str | None = None


class AudioUpdate(RequestModel):
    name: ShortText


class AudioUsage(ResponseModel):
    published_flows: list[str]
    draft_flows: list[str]


class AudioOut(ResponseModel):
    id: str
    name: str
    original_filename: str
    format: str
    original_bytes: int
    wav_bytes: int
    duration_seconds: float
    created_at: datetime
    usage: AudioUsage | None = None
