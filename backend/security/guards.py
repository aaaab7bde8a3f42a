"""Route guards and the route access classes every /api route declares in its ``opt``.

``access`` is one of: ``public`` (no credentials), ``self`` (any signed-in principal, about itself),
``tenant`` (data of the principal's tenant, chosen by the provider through X-Voxflow-Tenant),
``provider`` (installation-wide, provider admins only). The isolation test sweeps every ``tenant`` route.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from backend.errors import Forbidden
from backend.security.principal import Principal, PrincipalKind
from backend.security.roles import Permission

PUBLIC: dict[str, Any] = {"access": "public", "exclude_from_auth": True}
SELF: dict[str, Any] = {"access": "self"}
TENANT: dict[str, Any] = {"access": "tenant"}
PROVIDER: dict[str, Any] = {"access": "provider"}


def requires(permission: Permission):
    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        principal: Principal = connection.user
        if not principal.can(permission):
            raise Forbidden(f"Your role may not do this ({permission.value}).", code="forbidden.role")

    guard.__name__ = f"requires_{permission.name}"
    return guard


def provider_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    principal: Principal = connection.user
    if not principal.is_provider:
        raise Forbidden("Only the provider's administrators may do this.", code="forbidden.provider_only")


def users_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    principal: Principal = connection.user
    if principal.kind != PrincipalKind.user:
        raise Forbidden("This needs a signed-in user, not an API key.", code="forbidden.user_only")
