"""Document bases that make tenant scoping structural.

Every tenant-owned document derives from :class:`TenantDocument`: it carries ``tenant_id`` and its
indexes start with it. Services reach these documents only through ``backend.repository``, which adds
the tenant of the authenticated request to every query and write.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from beanie import Document
from pydantic import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampedDocument(Document):
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    # The type name written to the audit log, and fields never copied into it (secrets).
    object_type: ClassVar[str] = "object"
    audit_exclude: ClassVar[frozenset[str]] = frozenset()

    def audit_view(self) -> dict[str, Any]:
        """What the audit log keeps of this document: everything but secrets and bookkeeping."""
        skip = self.audit_exclude | {"revision_id", "created_at", "updated_at"}
        return self.model_dump(mode="json", exclude=set(skip))


class TenantDocument(TimestampedDocument):
    tenant_id: str
