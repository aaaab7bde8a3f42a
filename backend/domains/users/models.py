from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import pymongo
from pydantic import Field

from backend.security.roles import Role
from tenants.documents import TenantDocument
from tenants.models import Locale


class User(TenantDocument):
    """A person who signs in. Provider admins have no tenant; everybody else belongs to exactly one."""

    tenant_id: str | None  # type: ignore[assignment]  # None for provider admins
    email: str
    name: str = ""
    role: Role
    password_hash: str
    disabled: bool = False
    locale: Locale | None = None
    must_change_password: bool = False
    last_login_at: datetime | None = None
    password_changed_at: datetime | None = None

    object_type: ClassVar[str] = "user"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"password_hash"})

    class Settings:
        name = "users"
        indexes = [
            # Login is by e-mail alone, so an e-mail is unique across the installation.
            pymongo.IndexModel([("email", pymongo.ASCENDING)], unique=True),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
        ]

    @property
    def str_id(self) -> str:
        return str(self.id)
