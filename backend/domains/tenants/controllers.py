from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import JSONBody, FromPath, QueryParameter

from litestar import Controller, get, patch, post
from litestar.di import Provide

from backend.context import AppContext
from backend.domains.tenants.schemas import (
    StatusChange, TenantCreate, TenantCreated, TenantOut, TenantSettingsUpdate, TenantUpdate, TenantUsage,
    TenantWithUsage,
)
from backend.domains.tenants.services import ProviderTenantService, TenantSettingsService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import PROVIDER, TENANT, provider_only, requires
from backend.security.principal import Principal
from backend.security.roles import Permission
from tenants.models import TenantStatus


def provide_provider_tenants(ctx: NamedDependency[AppContext], principal: NamedDependency[Principal]) -> ProviderTenantService:
    return ProviderTenantService(ctx, principal)


class ProviderTenantController(Controller):
    path = "/api/provider/tenants"
    tags = ["provider"]
    opt = PROVIDER
    guards = [provider_only]
    dependencies = {"tenants": Provide(provide_provider_tenants, sync_to_thread=False)}

    @get("/", operation_id="listTenants", description="Every organisation, newest first, with usage at a glance.")
    async def list_tenants(
        self, tenants: NamedDependency[ProviderTenantService], paging: NamedDependency[PageParams],
        search: Annotated[str | None, QueryParameter(max_length=100)] = None,
        status: Annotated[TenantStatus | None, QueryParameter()] = None,
    ) -> Page[TenantWithUsage]:
        page = await tenants.list(paging, search, status)
        items = [TenantWithUsage.model_validate({**TenantOut.of(t).model_dump(),
                                                 "usage": TenantUsage(**await tenants.usage(t))})
                 for t in page.items]
        return Page(items=items, next_cursor=page.next_cursor)

    @post("/", operation_id="createTenant",
          description="Create an organisation with its first admin. Without a password for the admin, one is "
                      "generated and returned once in admin_initial_password.")
    async def create_tenant(self, data: JSONBody[TenantCreate], tenants: NamedDependency[ProviderTenantService]) -> TenantCreated:
        tenant, admin, generated = await tenants.create(data.model_dump(exclude={"admin"}), data.admin.model_dump())
        return TenantCreated.model_validate({**TenantOut.of(tenant).model_dump(), "admin_email": admin.email,
                                             "admin_initial_password": generated})

    @get("/{tenant_id:str}", operation_id="getTenant")
    async def get_tenant(self, tenant_id: FromPath[str], tenants: NamedDependency[ProviderTenantService]) -> TenantWithUsage:
        tenant = await tenants.get(tenant_id)
        return TenantWithUsage.model_validate({**TenantOut.of(tenant).model_dump(),
                                               "usage": TenantUsage(**await tenants.usage(tenant))})

    @patch("/{tenant_id:str}", operation_id="updateTenant",
           description="Change an organisation's name, time zone, language, phone region or limits.")
    async def update_tenant(self, tenant_id: FromPath[str], data: JSONBody[TenantUpdate], tenants: NamedDependency[ProviderTenantService]) -> TenantOut:
        return TenantOut.of(await tenants.update(tenant_id, data.changes()))

    @post("/{tenant_id:str}/suspend", operation_id="suspendTenant", status_code=200,
          description="Suspend an organisation: its users are signed out and refused, its API keys refused.")
    async def suspend(self, tenant_id: FromPath[str], data: JSONBody[StatusChange], tenants: NamedDependency[ProviderTenantService]) -> TenantOut:
        return TenantOut.of(await tenants.set_status(tenant_id, TenantStatus.suspended, data.reason))

    @post("/{tenant_id:str}/reactivate", operation_id="reactivateTenant", status_code=200)
    async def reactivate(self, tenant_id: FromPath[str], data: JSONBody[StatusChange], tenants: NamedDependency[ProviderTenantService]) -> TenantOut:
        return TenantOut.of(await tenants.set_status(tenant_id, TenantStatus.active, data.reason))

    @post("/{tenant_id:str}/view-as", operation_id="viewTenantAs", status_code=200,
          description="Record that the provider opens this organisation's view (then send X-Voxflow-Tenant).")
    async def view_as(self, tenant_id: FromPath[str], tenants: NamedDependency[ProviderTenantService]) -> TenantOut:
        return TenantOut.of(await tenants.record_view_as(tenant_id))


def provide_tenant_settings(tenant_scope: NamedDependency[TenantScope]) -> TenantSettingsService:
    return TenantSettingsService(tenant_scope)


class TenantSettingsController(Controller):
    path = "/api/tenant"
    tags = ["tenant settings"]
    opt = TENANT
    dependencies = {"settings_service": Provide(provide_tenant_settings, sync_to_thread=False)}

    @get("/", operation_id="getTenantSettings", description="The organisation's settings and its limits (read-only).")
    async def get_settings(self, settings_service: NamedDependency[TenantSettingsService]) -> TenantOut:
        return TenantOut.of(await settings_service.get())

    @patch("/", operation_id="updateTenantSettings", guards=[requires(Permission.tenant_settings)],
           description="Change name, time zone, language, phone region and hosts HTTP nodes may call.")
    async def update_settings(self, data: JSONBody[TenantSettingsUpdate], settings_service: NamedDependency[TenantSettingsService]) -> TenantOut:
        return TenantOut.of(await settings_service.update(data.changes()))
