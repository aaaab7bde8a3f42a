"""A tenant's users, managed by its admins."""

from __future__ import annotations

import re
from typing import Any

from bson import ObjectId
from pymongo.errors import DuplicateKeyError

from backend.context import AppContext
from backend.domains.users.models import User
from backend.errors import Conflict, FieldError
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from backend.security.passwords import generate_password, hash_password
from backend.security.roles import Role
from tenants.models import Tenant


def email_taken(field: str = "email") -> Conflict:
    message = "A user with this e-mail already exists."
    return Conflict(message, code="user.email_taken", errors=[FieldError(field, "user.email_taken", message)])


class UserService:
    def __init__(self, ctx: AppContext, scope: TenantScope) -> None:
        self.ctx = ctx
        self.scope = scope
        self.users = TenantRepository(User, scope)

    async def list(self, paging: PageParams, search: str | None = None, role: str | None = None) -> Page[User]:
        query: dict[str, Any] = {}
        if search:
            pattern = re.escape(search)
            query["$or"] = [{"email": {"$regex": pattern, "$options": "i"}},
                            {"name": {"$regex": pattern, "$options": "i"}}]
        if role:
            query["role"] = role
        return await self.users.page(query, paging)

    async def get(self, user_id: str) -> User:
        return await self.users.get(user_id)

    async def _check_user_limit(self) -> None:
        tenant = await Tenant.get(ObjectId(self.scope.tenant_id))
        active = await self.users.count({"disabled": False})
        if tenant is not None and active >= tenant.limits.max_users:
            raise Conflict(f"The organisation may have at most {tenant.limits.max_users} active users.",
                           code="user.limit_reached")

    async def create(self, email: str, name: str, role: str, password: str | None,
                     locale: str | None) -> tuple[User, str | None]:
        await self._check_user_limit()
        generated = None if password else generate_password()
        user = User(tenant_id=self.scope.tenant_id, email=email, name=name, role=Role(role), locale=locale,
                    password_hash=hash_password(password or generated), must_change_password=generated is not None)
        try:
            await self.users.insert(user)
        except DuplicateKeyError:
            raise email_taken() from None
        return user, generated

    async def update(self, user_id: str, changes: dict[str, Any]) -> User:
        user = await self.users.get(user_id)
        is_self = str(user.id) == self.scope.actor.id
        if is_self and (changes.get("disabled") or changes.get("role", Role.admin) != Role.admin):
            raise Conflict("You cannot disable yourself or take away your own admin role.", code="user.self_lockout")
        if changes.get("disabled") is False and user.disabled:
            await self._check_user_limit()
        if "role" in changes:
            changes["role"] = Role(changes["role"])
        await self.users.update(user, changes)
        if user.disabled:
            await self.ctx.sessions.end_all_for_user(str(user.id))
        return user

    async def reset_password(self, user_id: str, password: str | None) -> tuple[str | None, int]:
        user = await self.users.get(user_id)
        generated = None if password else generate_password()
        await self.users.update(user, {"password_hash": hash_password(password or generated),
                                       "must_change_password": True}, action="reset_password")
        ended = await self.ctx.sessions.end_all_for_user(str(user.id))
        return generated, ended
