"""Authentication middleware: every /api route but the public ones needs a session or an API key."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from backend.context import AppContext
from backend.errors import Unauthenticated
from backend.security.authenticate import principal_from_api_key, principal_from_session
from backend.security.sessions import SESSION_COOKIE, CSRF_HEADER

API_KEY_HEADER = "X-API-Key"


def _bearer(connection: ASGIConnection) -> str | None:
    value = connection.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class AuthenticationMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        ctx: AppContext = connection.app.state.ctx
        api_key = connection.headers.get(API_KEY_HEADER) or _bearer(connection)
        if api_key:
            return AuthenticationResult(user=await principal_from_api_key(ctx, api_key), auth="api_key")
        token = connection.cookies.get(SESSION_COOKIE)
        if token:
            method = connection.scope.get("method", "GET")
            principal = await principal_from_session(ctx, token, method, connection.headers.get(CSRF_HEADER))
            return AuthenticationResult(user=principal, auth="session")
        raise Unauthenticated("Sign in, or send an API key in the X-API-Key header.")
