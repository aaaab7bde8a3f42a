from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from litestar.di import NamedDependency

from datetime import datetime

from litestar import Controller, get
from litestar.di import Provide

from backend.domains.audit.schemas import AuditEntryOut
from backend.domains.audit.services import AuditFilter, AuditService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import PROVIDER, TENANT, provider_only, requires
from backend.security.roles import Permission


def provide_audit_filter(
    actor_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
    object_type: Annotated[str | None, QueryParameter(max_length=64)] = None,
    object_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
    action: Annotated[str | None, QueryParameter(max_length=64)] = None,
    since: Annotated[datetime | None, QueryParameter(description="ISO time, inclusive.")] = None,
    until: Annotated[datetime | None, QueryParameter(description="ISO time, exclusive.")] = None,
) -> AuditFilter:
    return AuditFilter(actor_id, object_type, object_id, action, since, until)


def _page(page: Page) -> Page[AuditEntryOut]:
    return Page(items=[AuditEntryOut.of(e) for e in page.items], next_cursor=page.next_cursor)


_dependencies = {"audit": Provide(AuditService, sync_to_thread=False),
                 "filters": Provide(provide_audit_filter, sync_to_thread=False)}


class AuditController(Controller):
    path = "/api/audit"
    tags = ["audit"]
    opt = TENANT
    guards = [requires(Permission.audit_read)]
    dependencies = _dependencies

    @get("/", operation_id="listAuditEntries",
         description="The organisation's audit log, newest first; filter by user, object, action and time.")
    async def list_entries(self, audit: NamedDependency[AuditService], tenant_scope: NamedDependency[TenantScope], filters: NamedDependency[AuditFilter],
                           paging: NamedDependency[PageParams]) -> Page[AuditEntryOut]:
        return _page(await audit.tenant_log(tenant_scope, filters, paging))


class ProviderAuditController(Controller):
    path = "/api/provider/audit"
    tags = ["provider"]
    opt = PROVIDER
    guards = [provider_only]
    dependencies = _dependencies

    @get("/", operation_id="listProviderAuditEntries", description="Every audit entry of the installation.")
    async def list_entries(self, audit: NamedDependency[AuditService], filters: NamedDependency[AuditFilter], paging: NamedDependency[PageParams],
                           tenant_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
                           ) -> Page[AuditEntryOut]:
        return _page(await audit.provider_log(tenant_id, filters, paging))
