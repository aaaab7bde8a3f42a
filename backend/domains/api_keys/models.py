from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import pymongo

from backend.security.roles import Role
from tenants.documents import TenantDocument


class ApiKey(TenantDocument):
    """A tenant's key for machine access. Only a keyed hash of the secret is stored."""

    name: str
    role: Role
    prefix: str  # the first characters of the key, so people can tell their keys apart
    key_hash: str
    created_by: str
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    expires_at: datetime | None = None

    object_type: ClassVar[str] = "api_key"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"key_hash"})

    class Settings:
        name = "api_keys"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            # Authentication finds a key by its hash before any tenant is known.
            pymongo.IndexModel([("key_hash", pymongo.ASCENDING)], unique=True),
        ]
