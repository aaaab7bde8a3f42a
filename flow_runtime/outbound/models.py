"""Campaign documents shared by the API (which creates and steers campaigns) and the dialer (which works
them). The database is the record of every contact's state and every attempt; the dialer's schedule in
Redis is derived from it and can be rebuilt from it at any time."""

from __future__ import annotations

import re
from datetime import datetime, time
from enum import StrEnum
from typing import Any, ClassVar, Literal

import pymongo
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tenants.documents import TenantDocument

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING
HH_MM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


class CampaignState(StrEnum):
    draft = "draft"
    scheduled = "scheduled"  # started, waiting for its start date
    running = "running"
    paused = "paused"
    completed = "completed"  # nothing left to do, or its end date passed
    cancelled = "cancelled"


ACTIVE_STATES = frozenset({CampaignState.scheduled, CampaignState.running, CampaignState.paused})
FINAL_STATES = frozenset({CampaignState.completed, CampaignState.cancelled})


class CallingWindow(BaseModel):
    """Calls may start on these ISO weekdays (1 = Monday) between start and end, in the contact's local
    time. An end before the start spans midnight."""

    model_config = ConfigDict(extra="forbid")  # API bodies carry these as they are stored

    days: list[int] = Field(min_length=1, max_length=7)
    start: str = Field(description="HH:MM")
    end: str = Field(description="HH:MM; 24:00 is the end of the day")

    @field_validator("days")
    @classmethod
    def _weekdays(cls, days: list[int]) -> list[int]:
        if any(day < 1 or day > 7 for day in days):
            raise ValueError("weekdays are 1 (Monday) to 7 (Sunday)")
        return sorted(set(days))

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not HH_MM.match(value):
            raise ValueError("a time of day is HH:MM, e.g. 09:00")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> "CallingWindow":
        if self.start == self.end:
            raise ValueError("a window's start and end must differ")
        return self

    @staticmethod
    def clock(value: str) -> time:
        if value == "24:00":
            return time.max
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))


class RetryDelays(BaseModel):
    """Seconds before the next attempt after each kind of failed attempt."""

    model_config = ConfigDict(extra="forbid")  # API bodies carry these as they are stored

    busy: int = Field(600, ge=0, le=7 * 86400)
    no_answer: int = Field(1800, ge=0, le=7 * 86400)
    failed: int = Field(900, ge=0, le=7 * 86400, description="congestion, unreachable, rejected by the network")
    provider_error: int = Field(1800, ge=0, le=7 * 86400, description="a technical error at the provider/trunk")


class SuccessKind(StrEnum):
    flow_result = "flow_result"  # the flow recorded this outcome with set_result
    dtmf = "dtmf"  # the callee pressed this key
    listened = "listened"  # the callee stayed on the line at least this many seconds


class SuccessRule(BaseModel):
    model_config = ConfigDict(extra="forbid")  # API bodies carry these as they are stored

    kind: SuccessKind = SuccessKind.flow_result
    outcome: str = Field("confirmed", min_length=1, max_length=64, description="for flow_result")
    digit: str = Field("1", pattern=r"^[0-9*#]$", description="for dtmf")
    seconds: int = Field(10, ge=1, le=3600, description="for listened")


class Campaign(TenantDocument):
    name: str
    comment: str = ""
    flow_id: str
    list_ids: list[str] = Field(default_factory=list)
    caller_id: str = ""  # E.164 shown to the callee
    trunk: str = ""  # the Asterisk endpoint (PJSIP trunk) calls leave through
    max_channels: int = 10
    max_calls_per_second: float = 5.0
    max_attempts_per_contact: int = 3
    max_attempts_per_number: int = 2
    retry_delays: RetryDelays = Field(default_factory=RetryDelays)
    windows: list[CallingWindow] = Field(default_factory=list)  # none: any time
    timezone: str = "Europe/Moscow"
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    priority: int = 5  # 1 (lowest) … 10 (highest) among the tenant's campaigns sharing its capacity
    ring_timeout: int = 30
    success_rule: SuccessRule = Field(default_factory=SuccessRule)
    state: CampaignState = CampaignState.draft
    state_reason: str | None = None
    flow_version: int | None = None  # the published version pinned when the campaign started
    started_at: datetime | None = None
    finished_at: datetime | None = None

    object_type: ClassVar[str] = "campaign"

    class Settings:
        name = "campaigns"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("tenant_id", ASC), ("name", ASC)], unique=True),
            pymongo.IndexModel([("state", ASC)]),
        ]


class ContactStatus(StrEnum):
    pending = "pending"  # waiting for its next attempt
    in_progress = "in_progress"  # a call to it is live
    succeeded = "succeeded"  # reached, and the campaign's success rule was met
    failed = "failed"  # reached without meeting the success rule, or no number can be called
    suppressed = "suppressed"  # on a do-not-call list
    out_of_attempts = "out_of_attempts"


OPEN_STATUSES = frozenset({ContactStatus.pending, ContactStatus.in_progress})


class CampaignContact(TenantDocument):
    """One contact's place in one campaign: a snapshot of the contact taken when the campaign started (or
    sent by another system as an ad-hoc task) and where the dialer stands with it."""

    campaign_id: str
    contact_id: str | None = None  # the list's contact it was copied from
    list_id: str | None = None
    source: Literal["list", "api"] = "list"
    task_key: str | None = None  # an ad-hoc task's external id: adding it again changes nothing
    external_id: str | None = None
    name: str = ""
    phones: list[str] = Field(default_factory=list)  # E.164, tried in this order
    timezone: str | None = None  # None: the campaign's
    variables: dict[str, Any] = Field(default_factory=dict)  # contact.* in the flow
    priority: int = 0  # higher first among contacts due at the same time
    not_before: datetime | None = None
    status: ContactStatus = ContactStatus.pending
    attempts: int = 0
    number_attempts: list[int] = Field(default_factory=list)  # attempts per phone, same order as phones
    next_phone: int = 0  # index into phones of the number the next attempt dials
    next_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_outcome: str | None = None
    result: str | None = None  # the flow's set_result outcome of the last answered call
    current_attempt_id: str | None = None  # the attempt of the live call while in_progress (set by the dialer)

    object_type: ClassVar[str] = "campaign_contact"

    class Settings:
        name = "campaign_contacts"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("campaign_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("campaign_id", ASC), ("status", ASC)]),
            pymongo.IndexModel([("campaign_id", ASC), ("task_key", ASC)], unique=True,
                               partialFilterExpression={"task_key": {"$type": "string"}}),
        ]


class AttemptOutcome(StrEnum):
    answered = "answered"
    busy = "busy"
    no_answer = "no_answer"
    failed = "failed"  # congestion, unreachable
    rejected = "rejected"  # refused by the provider
    provider_error = "provider_error"  # the trunk or the PBX failed technically
    cancelled = "cancelled"  # the campaign was cancelled while it rang
    interrupted = "interrupted"  # the runtime process driving it died; recovered after its lease expired


class CampaignAttempt(TenantDocument):
    campaign_id: str
    campaign_contact_id: str
    phone: str
    phone_index: int
    attempt_number: int  # 1-based within the contact
    runtime_id: str | None = None
    channel_id: str | None = None
    originated_at: datetime | None = None
    ringing_at: datetime | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    duration_seconds: float | None = None  # from originate to end
    talk_seconds: float | None = None  # from answer to end
    outcome: AttemptOutcome | None = None
    hangup_cause: int | None = None
    dialstatus: str | None = None
    dtmf: str = ""
    flow_result: str | None = None
    recording: str | None = None
    succeeded: bool = False
    flow_end_reason: str | None = None  # how the flow ended on an answered call (completed, caller_hangup, …)
    error: str | None = None  # why the originate request failed (provider_error)

    object_type: ClassVar[str] = "campaign_attempt"

    class Settings:
        name = "campaign_attempts"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("campaign_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("campaign_contact_id", ASC)]),
        ]


PROVIDER_WIDE = "provider"  # the tenant_id of the provider's installation-wide do-not-call entries


class DncEntry(TenantDocument):
    """A number no campaign may call: the tenant's own list, or (tenant_id = PROVIDER_WIDE) everyone's."""

    number: str  # E.164
    reason: str = ""

    object_type: ClassVar[str] = "dnc_entry"

    class Settings:
        name = "dnc_entries"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("tenant_id", ASC), ("number", ASC)], unique=True),
            pymongo.IndexModel([("number", ASC)]),
        ]
