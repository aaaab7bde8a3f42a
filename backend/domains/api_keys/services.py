"""A tenant's API keys: shown once when created, stored as a keyed hash, revocable."""

from __future__ import annotations

from datetime import datetime

from backend.context import AppContext
from backend.domains.api_keys.models import ApiKey
from backend.errors import Conflict, ValidationFailed
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from backend.security.authenticate import API_KEY_PREFIX
from backend.security.roles import Role
from backend.security.tokens import new_token
from tenants.documents import utcnow


class ApiKeyService:
    def __init__(self, ctx: AppContext, scope: TenantScope) -> None:
        self.ctx = ctx
        self.scope = scope
        self.keys = TenantRepository(ApiKey, scope)

    async def list(self, paging: PageParams) -> Page[ApiKey]:
        return await self.keys.page({}, paging)

    async def create(self, name: str, role: str, expires_at: datetime | None) -> tuple[ApiKey, str]:
        if expires_at is not None and expires_at <= utcnow():
            raise ValidationFailed.for_field("expires_at", "api_key.expiry_in_past", "The expiry must be in the future.")
        raw = f"{API_KEY_PREFIX}{new_token(32)}"
        key = ApiKey(tenant_id=self.scope.tenant_id, name=name, role=Role(role), prefix=raw[:12],
                     key_hash=self.ctx.hasher.digest(raw), created_by=self.scope.actor.label, expires_at=expires_at)
        await self.keys.insert(key)
        return key, raw

    async def revoke(self, key_id: str) -> ApiKey:
        key = await self.keys.get(key_id)
        if key.revoked_at is not None:
            raise Conflict("This key is already revoked.", code="api_key.already_revoked")
        return await self.keys.update(key, {"revoked_at": utcnow()}, action="revoke")
