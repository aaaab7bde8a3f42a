"""Sign-in, sign-out, own password and profile."""

from __future__ import annotations

from dataclasses import dataclass

from bson import ObjectId

from backend.context import AppContext
from backend.domains.auth.schemas import Me, TenantSummary
from backend.domains.audit.recorder import changed_fields, record_audit
from backend.domains.users.models import User
from backend.errors import Forbidden, TooManyRequests, Unauthenticated, ValidationFailed
from backend.security.authenticate import TenantSuspended
from backend.security.passwords import hash_password, verify_password
from backend.security.principal import Principal, PrincipalKind
from backend.security.roles import ROLE_PERMISSIONS
from tenants.documents import utcnow
from tenants.models import Tenant


@dataclass
class LoginResult:
    token: str
    principal: Principal


class AuthService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.redis = ctx.redis
        self.settings = ctx.settings

    @staticmethod
    def _failures_key(email: str) -> str:
        return f"login_failures:{email}"

    async def _check_lockout(self, email: str) -> None:
        key = self._failures_key(email)
        failures = int(await self.redis.get(key) or 0)
        if failures >= self.settings.login_max_failures:
            retry_after = max(await self.redis.ttl(key), 1)
            raise TooManyRequests(
                f"Too many failed sign-ins; try again in {retry_after} s.", code="auth.locked_out",
                headers={"Retry-After": str(retry_after)},
            )

    async def _count_failure(self, email: str) -> None:
        key = self._failures_key(email)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self.settings.login_lockout_seconds, nx=True)
            await pipe.execute()

    async def login(self, email: str, password: str) -> LoginResult:
        email = email.strip().lower()
        await self._check_lockout(email)
        user = await User.find_one({"email": email})
        if not verify_password(user.password_hash if user else None, password) or user is None:
            await self._count_failure(email)
            raise Unauthenticated("Wrong e-mail or password.", code="auth.invalid_credentials")
        await self.redis.delete(self._failures_key(email))
        if user.disabled:
            raise Forbidden("This account is disabled.", code="auth.account_disabled")
        if user.tenant_id is not None:
            tenant = await Tenant.get(ObjectId(user.tenant_id))
            if tenant is None or not tenant.is_active:
                raise TenantSuspended("This organisation is suspended; contact your provider.")
        token, session = await self.ctx.sessions.create(str(user.id))
        user.last_login_at = utcnow()
        await user.save()
        principal = Principal(PrincipalKind.user, str(user.id), user.email, user.role, user.tenant_id,
                              session_key=session.key, csrf_token=session.csrf_token)
        await record_audit(principal, tenant_id=user.tenant_id, action="login", object_type="user",
                           object_id=str(user.id))
        return LoginResult(token, principal)

    async def logout(self, principal: Principal) -> None:
        if principal.session_key:
            await self.ctx.sessions.end(principal.session_key, principal.id)

    async def current_user(self, principal: Principal) -> User:
        user = await User.get(ObjectId(principal.id))
        if user is None:
            raise Unauthenticated()
        return user

    async def change_password(self, principal: Principal, current: str, new: str) -> int:
        user = await self.current_user(principal)
        if not verify_password(user.password_hash, current):
            raise ValidationFailed.for_field("current_password", "auth.wrong_password", "The current password is wrong.")
        if current == new:
            raise ValidationFailed.for_field("new_password", "auth.password_unchanged",
                                             "The new password must differ from the current one.")
        user.password_hash = hash_password(new)
        user.must_change_password = False
        user.password_changed_at = utcnow()
        await user.save()
        await record_audit(principal, tenant_id=user.tenant_id, action="change_password", object_type="user",
                           object_id=str(user.id), summary={"secrets_changed": ["password_hash"]})
        return await self.ctx.sessions.end_all_for_user(str(user.id), keep_key=principal.session_key)

    async def logout_others(self, principal: Principal) -> int:
        ended = await self.ctx.sessions.end_all_for_user(principal.id, keep_key=principal.session_key)
        await record_audit(principal, tenant_id=principal.tenant_id, action="logout_others", object_type="user",
                           object_id=principal.id, summary={"ended": ended})
        return ended

    async def update_profile(self, principal: Principal, changes: dict) -> User:
        user = await self.current_user(principal)
        before = user.audit_view()
        for name, value in changes.items():
            setattr(user, name, value)
        user.updated_at = utcnow()
        await user.save()
        await record_audit(principal, tenant_id=user.tenant_id, action="update_profile", object_type="user",
                           object_id=str(user.id), summary={"changes": changed_fields(before, user.audit_view())})
        return user

    async def describe(self, principal: Principal) -> Me:
        """Who the caller is, their tenant and what they may do: what the browser needs after sign-in."""
        tenant = await Tenant.get(ObjectId(principal.tenant_id)) if principal.tenant_id else None
        me = Me(kind=principal.kind.value, id=principal.id, role=principal.role.value,
                permissions=sorted(p.value for p in ROLE_PERMISSIONS[principal.role]),
                csrf_token=principal.csrf_token,
                tenant=TenantSummary.model_validate({**tenant.model_dump(), "id": str(tenant.id)}) if tenant else None)
        if principal.kind == PrincipalKind.user:
            user = await self.current_user(principal)
            me.email, me.name, me.locale = user.email, user.name, user.locale
            me.must_change_password = user.must_change_password
        return me
