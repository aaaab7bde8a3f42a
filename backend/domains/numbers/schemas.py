from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import StringConstraints

from backend.schemas import ObjectIdStr, RequestModel, ResponseModel
from tenants.numbers import NumberKind

RawNumber = Annotated[str, StringConstraints(min_length=2, max_length=32)]
Description = Annotated[str, StringConstraints(max_length=500)]


class NumberCreate(RequestModel):
    number: RawNumber
    kind: NumberKind = NumberKind.did
    flow_id: ObjectIdStr | None = None
    description: Description = ""


class NumberUpdate(RequestModel):
    flow_id: ObjectIdStr | None = None
    description: Description | None = None


class NumberOut(ResponseModel):
    id: str
    number: str
    kind: str
    flow_id: str | None
    description: str
    created_at: datetime

    @classmethod
    def of(cls, number) -> "NumberOut":
        return cls.model_validate({**number.model_dump(), "id": str(number.id)})
