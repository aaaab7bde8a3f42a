"""Campaign result exports, made in the background (a million attempts take a while)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar

import pymongo

from tenants.documents import TenantDocument


class ExportState(StrEnum):
    queued = "queued"
    running = "running"
    completed = "completed"
    failed = "failed"


class CampaignExport(TenantDocument):
    campaign_id: str
    format: str  # xlsx | csv
    sheet: str = "contacts"  # for CSV, which table: contacts | attempts
    state: ExportState = ExportState.queued
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
