"""The tenant: an organisation served by the hosting provider, with its limits."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

import pymongo
from pydantic import BaseModel, ConfigDict, Field

from tenants.documents import TimestampedDocument


class TenantStatus(StrEnum):
    active = "active"
    suspended = "suspended"


class Locale(StrEnum):
    ru = "ru"
    en = "en"


class TenantLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_concurrent_calls: int = Field(default=30, ge=0, le=100_000, description="Simultaneous calls (lines).")
    max_calls_per_second: float = Field(default=5, ge=0, le=1_000, description="New calls per second.")
    max_users: int = Field(default=50, ge=1, le=100_000, description="Users the tenant may have.")
    storage_quota_mb: int = Field(default=1024, ge=0, le=10_000_000, description="Audio and recordings, MB.")


class Tenant(TimestampedDocument):
    slug: str
    name: str
    status: TenantStatus = TenantStatus.active
    status_reason: str | None = None
    timezone: str = "Europe/Moscow"
    locale: Locale = Locale.ru
    default_region: str = "RU"
    limits: TenantLimits = Field(default_factory=TenantLimits)
    allowed_http_hosts: list[str] = Field(default_factory=list)

    object_type: ClassVar[str] = "tenant"

    class Settings:
        name = "tenants"
        indexes = [
            pymongo.IndexModel([("slug", pymongo.ASCENDING)], unique=True),
            pymongo.IndexModel([("status", pymongo.ASCENDING)]),
        ]

    @property
    def is_active(self) -> bool:
        return self.status == TenantStatus.active
