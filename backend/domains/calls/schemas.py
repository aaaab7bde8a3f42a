from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.schemas import ResponseModel


class TraceStepOut(ResponseModel):
    node_id: str
    node_type: str
    at: datetime
    output: str | None
    dtmf: str | None
    error: str | None


class CallSummary(ResponseModel):
    id: str
    flow_id: str | None
    flow_version: int | None
    direction: str
    channel_id: str
    caller: str
    dialed: str
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    end_reason: str
    hangup_cause: str | None
    result: dict[str, Any] | None

    @classmethod
    def of(cls, record) -> "CallSummary":
        return cls.model_validate({**record.model_dump(), "id": str(record.id)})


class CallOut(CallSummary):
    variables: dict[str, Any]
    trace: list[TraceStepOut]
