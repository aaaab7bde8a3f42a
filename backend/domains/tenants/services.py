"""Tenants: created, changed, suspended and reactivated by the provider; settings kept by tenant admins."""

from __future__ import annotations

import re
from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo.errors import DuplicateKeyError

from backend.context import AppContext
from backend.domains.api_keys.models import ApiKey
from backend.domains.audio.models import AudioAsset
from backend.domains.audit.recorder import changed_fields, record_audit
from backend.domains.users.models import User
from backend.domains.users.services import email_taken
from backend.errors import Conflict, FieldError, NotFound
from backend.paging import Page, PageParams, paginate
from backend.repository import TenantScope
from backend.security.passwords import generate_password, hash_password
from backend.security.principal import Principal
from backend.security.roles import Role
from tenants.documents import utcnow
from flow_runtime.call_limits import CallLimiter
from flow_runtime.flow_documents import Flow
from flow_runtime.outbound.models import Campaign, CampaignState
from tenants.models import Tenant, TenantStatus
from tenants.numbers import InboundNumber


async def _apply(actor: Principal, tenant: Tenant, changes: dict[str, Any], action: str) -> Tenant:
    before = tenant.audit_view()
    for name, value in changes.items():
        setattr(tenant, name, value)
    tenant.updated_at = utcnow()
    await tenant.save()
    diff = changed_fields(before, tenant.audit_view())
    if diff:
        await record_audit(actor, tenant_id=str(tenant.id), action=action, object_type="tenant",
                           object_id=str(tenant.id), summary={"changes": diff})
    return tenant


class ProviderTenantService:
    """The provider's view: every tenant of the installation."""

    def __init__(self, ctx: AppContext, actor: Principal) -> None:
        self.ctx = ctx
        self.actor = actor

    async def list(self, paging: PageParams, search: str | None, status: str | None) -> Page[Tenant]:
        query: dict[str, Any] = {}
        if search:
            pattern = re.escape(search)
            query["$or"] = [{"slug": {"$regex": pattern, "$options": "i"}},
                            {"name": {"$regex": pattern, "$options": "i"}}]
        if status:
            query["status"] = status
        return await paginate(Tenant, query, paging)

    async def get(self, tenant_id: str) -> Tenant:
        try:
            tenant = await Tenant.get(ObjectId(tenant_id))
        except InvalidId:
            tenant = None
        if tenant is None:
            raise NotFound(f"No organisation with id {tenant_id}.", code="tenant.not_found")
        return tenant

    async def usage(self, tenant: Tenant) -> dict[str, int | float]:
        """Usage at a glance: what the tenant has, what runs now, and storage against its quota."""
        tid = str(tenant.id)
        audio = await AudioAsset.get_pymongo_collection().aggregate([
            {"$match": {"tenant_id": tid}},
            {"$group": {"_id": None, "bytes": {"$sum": {"$add": ["$original_bytes", "$wav_bytes"]}}}}])
        stored = (await audio.to_list())[:1]
        return {"users": await User.find({"tenant_id": tid}).count(),
                "api_keys": await ApiKey.find({"tenant_id": tid, "revoked_at": None}).count(),
                "numbers": await InboundNumber.find({"tenant_id": tid}).count(),
                "flows": await Flow.find({"tenant_id": tid}).count(),
                "active_calls": await CallLimiter(self.ctx.redis).active(tid),
                "campaigns_running": await Campaign.find({"tenant_id": tid, "state": CampaignState.running}).count(),
                "storage_used_mb": round((stored[0]["bytes"] if stored else 0) / (1024 * 1024), 2)}

    async def create(self, data: dict[str, Any], admin: dict[str, Any]) -> tuple[Tenant, User, str | None]:
        """Creates the tenant and its first admin together: neither is left behind without the other."""
        if await User.find_one({"email": admin["email"]}):
            raise email_taken("admin.email")
        tenant = Tenant(**data)
        try:
            await tenant.insert()
        except DuplicateKeyError:
            message = "An organisation with this slug already exists."
            raise Conflict(message, code="tenant.slug_taken", errors=[FieldError("slug", "tenant.slug_taken", message)])
        generated = None if admin.get("password") else generate_password()
        user = User(tenant_id=str(tenant.id), email=admin["email"], name=admin["name"], role=Role.admin,
                    password_hash=hash_password(admin.get("password") or generated),
                    must_change_password=generated is not None)
        try:
            await user.insert()
        except DuplicateKeyError:
            await tenant.delete()
            raise email_taken("admin.email") from None
        await record_audit(self.actor, tenant_id=str(tenant.id), action="create", object_type="tenant",
                           object_id=str(tenant.id), summary={"after": tenant.audit_view()})
        await record_audit(self.actor, tenant_id=str(tenant.id), action="create", object_type="user",
                           object_id=str(user.id), summary={"after": user.audit_view()})
        return tenant, user, generated

    async def update(self, tenant_id: str, changes: dict[str, Any]) -> Tenant:
        return await _apply(self.actor, await self.get(tenant_id), changes, "update")

    async def set_status(self, tenant_id: str, status: TenantStatus, reason: str) -> Tenant:
        tenant = await self.get(tenant_id)
        if tenant.status == status:
            raise Conflict(f"The organisation is already {status.value}.", code=f"tenant.already_{status.value}")
        await _apply(self.actor, tenant, {"status": status, "status_reason": reason},
                     "suspend" if status == TenantStatus.suspended else "reactivate")
        if status == TenantStatus.suspended:
            # Suspension signs every user of the tenant out at once; keys are refused by the status check.
            async for user in User.find({"tenant_id": str(tenant.id)}):
                await self.ctx.sessions.end_all_for_user(str(user.id))
        return tenant

    async def record_view_as(self, tenant_id: str) -> Tenant:
        tenant = await self.get(tenant_id)
        await record_audit(self.actor, tenant_id=str(tenant.id), action="view_as", object_type="tenant",
                           object_id=str(tenant.id))
        return tenant


class TenantSettingsService:
    """A tenant admin's view of their own organisation."""

    def __init__(self, tenant_scope: TenantScope) -> None:
        self.scope = tenant_scope

    async def get(self) -> Tenant:
        tenant = await Tenant.get(ObjectId(self.scope.tenant_id))
        if tenant is None:
            raise NotFound(code="tenant.not_found")
        return tenant

    async def update(self, changes: dict[str, Any]) -> Tenant:
        return await _apply(self.scope.actor, await self.get(), changes, "update_settings")
