from __future__ import annotations

from datetime import datetime

from pydantic import Field

from backend.schemas import Email, HostName, Password, PhoneRegion, Reason, RequestModel, ResponseModel, ShortText, Slug, Timezone
from tenants.models import Locale, TenantLimits


class FirstAdmin(RequestModel):
    email: Email
    name: ShortText
    password: Password | None = None  # generated and returned once when omitted


class TenantCreate(RequestModel):
    slug: Slug
    name: ShortText
    timezone: Timezone = "Europe/Moscow"
    locale: Locale = Locale.ru
    default_region: PhoneRegion = "RU"
    limits: TenantLimits = Field(default_factory=TenantLimits)
    admin: FirstAdmin


class TenantUpdate(RequestModel):
    """What the provider may change."""

    name: ShortText | None = None
    timezone: Timezone | None = None
    locale: Locale | None = None
    default_region: PhoneRegion | None = None
    limits: TenantLimits | None = None


class TenantSettingsUpdate(RequestModel):
    """What a tenant's own admin may change (limits are the provider's)."""

    name: ShortText | None = None
    timezone: Timezone | None = None
    locale: Locale | None = None
    default_region: PhoneRegion | None = None
    allowed_http_hosts: list[HostName] | None = Field(default=None, max_length=100)


class StatusChange(RequestModel):
    reason: Reason


class TenantOut(ResponseModel):
    id: str
    slug: str
    name: str
    status: str
    status_reason: str | None
    timezone: str
    locale: str
    default_region: str
    limits: TenantLimits
    allowed_http_hosts: list[str]
    created_at: datetime

    @classmethod
    def of(cls, tenant) -> "TenantOut":
        return cls.model_validate({**tenant.model_dump(), "id": str(tenant.id)})


class TenantUsage(ResponseModel):
    users: int
    api_keys: int
    numbers: int
    flows: int
    active_calls: int
    campaigns_running: int
    storage_used_mb: float


class TenantWithUsage(TenantOut):
    usage: TenantUsage


class TenantCreated(TenantOut):
    admin_email: str
    admin_initial_password: str | None
