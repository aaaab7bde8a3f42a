from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from backend.domains.contacts.schemas import ContactIn, ExternalId
from backend.paging import Page
from backend.schemas import LongText, ObjectIdStr, RequestModel, ResponseModel, ShortText, Timezone
from flow_runtime.outbound.models import CallingWindow, RetryDelays, SuccessRule

Trunk = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{0,64}$")]
CallerId = Annotated[str, StringConstraints(max_length=32)]


class _Settings(RequestModel):
    """The settings a campaign is created with and edited by; every field optional here."""

    comment: LongText | None = None
    flow_id: ObjectIdStr | None = None
    list_ids: list[ObjectIdStr] | None = Field(None, max_length=20)
    caller_id: CallerId | None = None
    trunk: Trunk | None = None
    max_channels: int | None = Field(None, ge=1, le=1000)
    max_calls_per_second: float | None = Field(None, gt=0, le=200)
    max_attempts_per_contact: int | None = Field(None, ge=1, le=50)
    max_attempts_per_number: int | None = Field(None, ge=1, le=50)
    retry_delays: RetryDelays | None = None
    windows: list[CallingWindow] | None = Field(None, max_length=21)
    timezone: Timezone | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    priority: int | None = Field(None, ge=1, le=10)
    ring_timeout: int | None = Field(None, ge=5, le=180)
    success_rule: SuccessRule | None = None

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class CampaignCreate(_Settings):
    name: ShortText
    flow_id: ObjectIdStr
    list_ids: list[ObjectIdStr] = Field(default_factory=list, max_length=20)


class CampaignUpdate(_Settings):
    name: ShortText | None = None


class StartOut(ResponseModel):
    state: str  # queued | running | failed
    copied: int
    total: int
    error: dict[str, Any] | None


class CampaignOut(ResponseModel):
    id: str
    name: str
    comment: str
    flow_id: str
    flow_version: int | None
    list_ids: list[str]
    caller_id: str
    trunk: str
    max_channels: int
    max_calls_per_second: float
    max_attempts_per_contact: int
    max_attempts_per_number: int
    retry_delays: dict[str, int]
    windows: list[dict[str, Any]]
    timezone: str
    starts_at: datetime | None
    ends_at: datetime | None
    priority: int
    ring_timeout: int
    success_rule: dict[str, Any]
    state: str
    state_reason: str | None
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime
    updated_at: datetime
    counts: dict[str, int]  # contacts by status
    total: int
    starting: StartOut | None = None  # a large campaign's contacts being copied before it starts

    @classmethod
    def of(cls, doc, counts: dict[str, int], start=None) -> "CampaignOut":
        # A start shows while the campaign is still a draft: running, or failed (once the campaign has
        # started, the job is only finishing its bookkeeping).
        shown = start if start is not None and doc.state == "draft" and start.state != "completed" else None
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id), "counts": counts,
                                   "total": sum(counts.values()),
                                   "starting": StartOut.model_validate(shown.model_dump()) if shown else None})


class TaskIn(ContactIn):
    """A contact another system adds to a campaign: idempotent by ``external_id``."""

    external_id: ExternalId
    not_before: datetime | None = None
    priority: int = Field(0, ge=0, le=100)
    call_now: bool = False


class CampaignContactOut(ResponseModel):
    id: str
    campaign_id: str
    source: str
    external_id: str | None
    name: str
    phones: list[str]
    timezone: str | None
    variables: dict[str, Any]
    priority: int
    not_before: datetime | None
    status: str
    attempts: int
    number_attempts: list[int]
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_outcome: str | None
    result: str | None

    @classmethod
    def of(cls, doc) -> "CampaignContactOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


class AttemptOut(ResponseModel):
    id: str
    campaign_contact_id: str
    phone: str
    attempt_number: int
    originated_at: datetime | None
    ringing_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    duration_seconds: float | None
    talk_seconds: float | None
    outcome: str | None
    hangup_cause: int | None
    dialstatus: str | None
    dtmf: str
    flow_result: str | None
    succeeded: bool

    @classmethod
    def of(cls, doc) -> "AttemptOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


class ExportRequest(RequestModel):
    format: Literal["xlsx", "csv"] = "xlsx"
    sheet: Literal["contacts", "attempts"] = "contacts"  # CSV only; a workbook has both


class ExportOut(ResponseModel):
    id: str
    campaign_id: str
    format: str
    sheet: str
    state: str
    progress: float
    rows: int
    file_name: str
    error: str | None
    created_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, doc) -> "ExportOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


class ReportOut(ResponseModel):
    counts_by_outcome: dict[str, int]
    attempts: Page[AttemptOut]
