"""Who is calling: a signed-in user or a tenant API key."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backend.security.roles import ROLE_PERMISSIONS, Permission, Role


class PrincipalKind(StrEnum):
    user = "user"
    api_key = "api_key"


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    id: str
    label: str  # e-mail of a user, name of an API key: what the audit log shows
    role: Role
    tenant_id: str | None  # None for provider admins
    session_key: str | None = None
    csrf_token: str | None = None

    @property
    def is_provider(self) -> bool:
        return self.role == Role.provider_admin

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]
