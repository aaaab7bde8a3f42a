from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from litestar.datastructures import UploadFile
from pydantic import StringConstraints

from backend.schemas import RequestModel, ResponseModel

DncReason = Annotated[str, StringConstraints(max_length=500)]


class DncCreate(RequestModel):
    number: Annotated[str, StringConstraints(min_length=2, max_length=40)]
    reason: DncReason = ""


class DncOut(ResponseModel):
    id: str
    number: str
    reason: str
    created_at: datetime

    @classmethod
    def of(cls, doc) -> "DncOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


@dataclass
class DncUpload:
    file: UploadFile
    reason: str | None = None  # for rows without a reason of their own


class DncRowProblem(ResponseModel):
    row: int
    code: str
    message: str
    message_ru: str


class DncImportOut(ResponseModel):
    rows: int
    added: int
    already_listed: int
    rejected: int
    problems: list[DncRowProblem]  # the first 1,000
