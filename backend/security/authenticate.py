"""Turns request credentials (session cookie or API key) into a :class:`Principal`.

Every request re-reads the user (or key) and its tenant, so a disabled account, a revoked key or a
suspended tenant is refused from the very next request.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

from bson import ObjectId

from backend.context import AppContext
from backend.domains.api_keys.models import ApiKey
from backend.domains.users.models import User
from backend.errors import AppError, Forbidden, Unauthenticated
from backend.security.principal import Principal, PrincipalKind
from tenants.documents import utcnow
from tenants.models import Tenant

API_KEY_PREFIX = "vfk_"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# last_used_at is written at most this often per key, so a busy integration does not write on every call.
LAST_USED_RESOLUTION = timedelta(seconds=60)


class TenantSuspended(AppError):
    status = 403
    code = "tenant.suspended"
    title = "The organisation is suspended"


async def _require_active_tenant(tenant_id: str | None) -> None:
    if tenant_id is None:
        return
    tenant = await Tenant.get(ObjectId(tenant_id))
    if tenant is None or not tenant.is_active:
        raise TenantSuspended("This organisation is suspended; contact your provider.")


async def principal_from_api_key(ctx: AppContext, raw_key: str) -> Principal:
    key = await ApiKey.find_one({"key_hash": ctx.hasher.digest(raw_key)}) if raw_key.startswith(API_KEY_PREFIX) else None
    now = utcnow()
    if key is None or key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        raise Unauthenticated("The API key is not valid or has been revoked.", code="auth.invalid_api_key")
    await _require_active_tenant(key.tenant_id)
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        await ApiKey.find_one({"_id": key.id}).update({"$set": {"last_used_at": now}})
    return Principal(PrincipalKind.api_key, str(key.id), key.name, key.role, key.tenant_id)


async def principal_from_session(ctx: AppContext, token: str, method: str, csrf_header: str | None) -> Principal:
    session = await ctx.sessions.get(token)
    if session is None:
        raise Unauthenticated("Your session has ended; please sign in again.", code="auth.session_expired")
    user = await User.get(ObjectId(session.user_id))
    if user is None or user.disabled:
        await ctx.sessions.end(session.key, session.user_id)
        raise Unauthenticated("This account is disabled.", code="auth.account_disabled")
    try:
        await _require_active_tenant(user.tenant_id)
    except TenantSuspended:
        await ctx.sessions.end(session.key, session.user_id)
        raise
    # Synchronizer-token CSRF defence: a cookie-authenticated write must echo the session's token.
    if method not in SAFE_METHODS and not (csrf_header and hmac.compare_digest(csrf_header, session.csrf_token)):
        raise Forbidden("The request lacks a valid X-CSRF-Token header.", code="auth.csrf")
    return Principal(PrincipalKind.user, str(user.id), user.email, user.role, user.tenant_id,
                     session_key=session.key, csrf_token=session.csrf_token)
