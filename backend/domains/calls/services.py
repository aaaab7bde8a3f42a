"""Call history: the records the runtime writes, read per tenant."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from flow_runtime.call_records import CallRecord


class CallHistory:
    def __init__(self, tenant_scope: TenantScope) -> None:
        self.records = TenantRepository(CallRecord, tenant_scope)

    async def list(self, paging: PageParams, *, number: str | None, since: datetime | None,
                   until: datetime | None) -> Page[CallRecord]:
        query: dict[str, Any] = {}
        if number:
            query["$or"] = [{"dialed": number}, {"caller": number}]
        if since or until:
            query["started_at"] = {**({"$gte": since} if since else {}), **({"$lt": until} if until else {})}
        return await self.records.page(query, paging)

    async def get(self, call_id: str) -> CallRecord:
        return await self.records.get(call_id)
