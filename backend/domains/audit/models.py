from __future__ import annotations

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document
from pydantic import Field

from tenants.documents import utcnow


class AuditEntry(Document):
    """One write: who did what to which object, when, with a before/after summary."""

    tenant_id: str | None  # None for installation-wide actions (e.g. provider admins' own accounts)
    at: datetime = Field(default_factory=utcnow)
    actor_kind: str
    actor_id: str
    actor_label: str
    via_provider: bool = False  # a provider admin acted inside a tenant
    action: str
    object_type: str
    object_id: str | None = None
    summary: dict[str, Any] = Field(default_factory=dict)

    class Settings:
        name = "audit_log"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("object_type", pymongo.ASCENDING),
                                ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("actor_id", pymongo.ASCENDING),
                                ("_id", pymongo.DESCENDING)]),
        ]
