"""Reading the audit log: a tenant's own entries for its admins, every entry for the provider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.domains.audit.models import AuditEntry
from backend.paging import Page, PageParams, paginate
from backend.repository import TenantScope


@dataclass(frozen=True)
class AuditFilter:
    actor_id: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def query(self) -> dict[str, Any]:
        query: dict[str, Any] = {name: value for name in ("actor_id", "object_type", "object_id", "action")
                                 if (value := getattr(self, name)) is not None}
        if self.since or self.until:
            query["at"] = {**({"$gte": self.since} if self.since else {}), **({"$lt": self.until} if self.until else {})}
        return query


class AuditService:
    async def tenant_log(self, tenant_scope: TenantScope, filters: AuditFilter, paging: PageParams) -> Page[AuditEntry]:
        return await paginate(AuditEntry, {**filters.query(), "tenant_id": tenant_scope.tenant_id}, paging)

    async def provider_log(self, tenant_id: str | None, filters: AuditFilter, paging: PageParams) -> Page[AuditEntry]:
        query = filters.query()
        if tenant_id:
            query["tenant_id"] = tenant_id
        return await paginate(AuditEntry, query, paging)
