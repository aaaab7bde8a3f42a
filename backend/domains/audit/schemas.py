from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.schemas import ResponseModel


class AuditEntryOut(ResponseModel):
    id: str
    tenant_id: str | None
    at: datetime
    actor_kind: str
    actor_id: str
    actor_label: str
    via_provider: bool
    action: str
    object_type: str
    object_id: str | None
    summary: dict[str, Any]

    @classmethod
    def of(cls, entry) -> "AuditEntryOut":
        return cls.model_validate({**entry.model_dump(), "id": str(entry.id)})
