"""Tenant-scoped data access: the only way services read and write tenant-owned documents.

A :class:`TenantScope` is built from the authenticated request (see ``backend.security.scope``); a
:class:`TenantRepository` adds its tenant to every query, stamps it on every insert, and writes an
audit entry for every insert, update and delete, so neither scoping nor auditing depends on each
service remembering to do it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bson import ObjectId
from bson.errors import InvalidId

from backend.domains.audit.recorder import changed_fields, record_audit
from backend.errors import NotFound
from backend.paging import Page, PageParams, paginate
from backend.security.principal import Principal
from tenants.documents import TenantDocument, utcnow

D = TypeVar("D", bound=TenantDocument)


@dataclass(frozen=True)
class TenantScope:
    tenant_id: str
    actor: Principal


def parse_object_id(value: str) -> ObjectId | None:
    try:
        return ObjectId(value)
    except (InvalidId, TypeError):
        return None


class TenantRepository(Generic[D]):
    def __init__(self, model: type[D], scope: TenantScope) -> None:
        self.model = model
        self.scope = scope

    def scoped(self, query: dict[str, Any] | None = None) -> dict[str, Any]:
        return {**(query or {}), "tenant_id": self.scope.tenant_id}

    async def get(self, object_id: str) -> D:
        """The tenant's document with this id; another tenant's id is simply not found."""
        oid = parse_object_id(object_id)
        doc = await self.model.find_one(self.scoped({"_id": oid})) if oid else None
        if doc is None:
            raise NotFound(f"No {self.model.object_type} with id {object_id}.", code=f"{self.model.object_type}.not_found")
        return doc

    async def find_one(self, query: dict[str, Any]) -> D | None:
        return await self.model.find_one(self.scoped(query))

    async def count(self, query: dict[str, Any] | None = None) -> int:
        return await self.model.find(self.scoped(query)).count()

    async def page(self, query: dict[str, Any], paging: PageParams) -> Page[D]:
        return await paginate(self.model, self.scoped(query), paging)

    async def _audit(self, action: str, doc: D, summary: dict[str, Any]) -> None:
        await record_audit(self.scope.actor, tenant_id=self.scope.tenant_id, action=action,
                           object_type=self.model.object_type, object_id=str(doc.id), summary=summary)

    async def insert(self, doc: D) -> D:
        doc.tenant_id = self.scope.tenant_id
        await doc.insert()
        await self._audit("create", doc, {"after": doc.audit_view()})
        return doc

    async def update(self, doc: D, changes: dict[str, Any], action: str = "update") -> D:
        """Applies ``changes`` (field → new value) and stores them; audits only what really changed."""
        if doc.tenant_id != self.scope.tenant_id:  # a document not obtained through this scope
            raise NotFound(code=f"{self.model.object_type}.not_found")
        before = doc.audit_view()
        for name, value in changes.items():
            setattr(doc, name, value)
        doc.updated_at = utcnow()
        await doc.save()
        diff = changed_fields(before, doc.audit_view())
        hidden = [name for name in changes if name in self.model.audit_exclude]
        if diff or hidden:
            await self._audit(action, doc, {"changes": diff, **({"secrets_changed": hidden} if hidden else {})})
        return doc

    async def update_where(self, doc: D, expected: dict[str, Any], changes: dict[str, Any],
                           action: str = "update") -> bool:
        """Applies ``changes`` atomically, only while the stored document still matches ``expected``
        (optimistic concurrency). False when it no longer does; ``doc`` is then left as it was."""
        before = doc.audit_view()
        now = utcnow()
        result = await self.model.find_one(self.scoped({"_id": doc.id, **expected})).update(
            {"$set": {**changes, "updated_at": now}})
        if not result.matched_count:
            return False
        for name, value in changes.items():
            setattr(doc, name, value)
        doc.updated_at = now
        await self._audit(action, doc, {"changes": changed_fields(before, doc.audit_view())})
        return True

    async def delete(self, doc: D) -> None:
        if doc.tenant_id != self.scope.tenant_id:
            raise NotFound(code=f"{self.model.object_type}.not_found")
        await doc.delete()
        await self._audit("delete", doc, {"before": doc.audit_view()})
