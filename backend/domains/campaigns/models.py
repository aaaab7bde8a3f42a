"""Background work of campaigns: starting a large one (copying its contacts) and exporting its results."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

import pymongo

from tenants.documents import TenantDocument


class JobState(StrEnum):
    queued = "queued"
    running = "running"
    completed = "completed"
    failed = "failed"


class CampaignExport(TenantDocument):
    campaign_id: str
    format: str  # xlsx | csv
    sheet: str = "contacts"  # for CSV, which table: contacts | attempts
    state: JobState = JobState.queued
    progress: float = 0.0
    rows: int = 0  # rows written so far (contacts and attempts)
    file_name: str = ""
    error: str | None = None
    finished_at: datetime | None = None

    object_type: ClassVar[str] = "campaign_export"

    class Settings:
        name = "campaign_exports"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("state", pymongo.ASCENDING)]),
        ]


class CampaignStart(TenantDocument):
    """Copying a large campaign's contacts before it starts (the campaign stays a draft meanwhile)."""

    campaign_id: str
    state: JobState = JobState.queued
    copied: int = 0
    total: int = 0  # contacts in the lists, before duplicates are dropped
    error: dict[str, Any] | None = None  # the problem that stopped it: code, detail
    actor: dict[str, Any]  # who started it, for the audit log
    finished_at: datetime | None = None

    object_type: ClassVar[str] = "campaign_start"

    class Settings:
        name = "campaign_starts"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("state", pymongo.ASCENDING)]),
            pymongo.IndexModel([("campaign_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
        ]
