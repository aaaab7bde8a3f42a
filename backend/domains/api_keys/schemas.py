from __future__ import annotations

from datetime import datetime
from typing import Literal

from backend.schemas import RequestModel, ResponseModel, ShortText


class ApiKeyCreate(RequestModel):
    name: ShortText
    role: Literal["admin", "manager", "agent"] = "admin"
    expires_at: datetime | None = None


class ApiKeyOut(ResponseModel):
    id: str
    name: str
    role: str
    prefix: str
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None

    @classmethod
    def of(cls, key) -> "ApiKeyOut":
        return cls.model_validate({**key.model_dump(), "id": str(key.id)})


class ApiKeyCreated(ApiKeyOut):
    key: str  # shown once
