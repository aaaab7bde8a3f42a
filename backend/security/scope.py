"""Builds the :class:`TenantScope` of a request: the one place that decides whose data a request sees."""

from __future__ import annotations

from bson import ObjectId
from bson.errors import InvalidId
from litestar import Request, WebSocket
from litestar.connection import ASGIConnection

from backend.errors import AppError, NotFound
from backend.repository import TenantScope
from backend.security.principal import Principal
from tenants.models import Tenant

TENANT_HEADER = "X-Voxflow-Tenant"


class TenantRequired(AppError):
    status = 400
    code = "tenant.required"
    title = "Which organisation?"


async def tenant_scope_of(connection: ASGIConnection) -> TenantScope:
    """A tenant user's scope is their own tenant, whatever the request says. A provider admin names the
    tenant in the X-Voxflow-Tenant header; reads and writes done that way are audited as the provider's."""
    principal: Principal = connection.user
    if not principal.is_provider:
        assert principal.tenant_id is not None
        return TenantScope(principal.tenant_id, principal)
    requested = connection.headers.get(TENANT_HEADER)
    if not requested:
        raise TenantRequired(f"Provider administrators name the organisation in the {TENANT_HEADER} header.")
    try:
        tenant = await Tenant.get(ObjectId(requested))
    except InvalidId:
        tenant = None
    if tenant is None:
        raise NotFound(f"No organisation with id {requested}.", code="tenant.not_found")
    return TenantScope(str(tenant.id), principal)


async def provide_tenant_scope(request: Request) -> TenantScope:
    return await tenant_scope_of(request)


async def provide_websocket_tenant_scope(socket: WebSocket) -> TenantScope:
    return await tenant_scope_of(socket)

