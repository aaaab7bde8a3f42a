"""A tenant's inbound numbers and extensions, each bound to the flow it starts."""

from __future__ import annotations

import re
from typing import Any

from bson import ObjectId
from pymongo.errors import DuplicateKeyError

from flow_runtime.flow_documents import Flow
from backend.errors import Conflict, FieldError, ValidationFailed
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from tenants.models import Tenant
from tenants.numbers import (
    InboundNumber, InvalidNumber, NumberKind, lookup_key, normalise_did, normalise_pattern, pattern_prefix,
)

EXTENSION = re.compile(r"^[0-9]{2,8}$")


class NumberService:
    def __init__(self, tenant_scope: TenantScope) -> None:
        self.scope = tenant_scope
        self.numbers = TenantRepository(InboundNumber, tenant_scope)

    async def list(self, paging: PageParams, search: str | None) -> Page[InboundNumber]:
        query = {"number": {"$regex": re.escape(search)}} if search else {}
        return await self.numbers.page(query, paging)

    async def _check_flow(self, flow_id: str | None) -> None:
        if flow_id is not None and await Flow.find_one(self.numbers.scoped({"_id": ObjectId(flow_id)})) is None:
            raise ValidationFailed.for_field("flow_id", "flow.not_found", "No flow of this organisation has this id.")

    async def _normalise(self, raw: str, kind: NumberKind) -> str:
        if kind == NumberKind.extension:
            if not EXTENSION.match(raw):
                raise ValidationFailed.for_field("number", "number.invalid", "An extension is 2 to 8 digits.")
            return raw
        tenant = await Tenant.get(ObjectId(self.scope.tenant_id))
        try:
            if kind == NumberKind.pattern:
                return normalise_pattern(raw)
            return normalise_did(raw, tenant.default_region if tenant else "RU")
        except InvalidNumber as exc:
            raise ValidationFailed.for_field("number", "number.invalid", str(exc)) from None

    async def create(self, raw: str, kind: NumberKind, flow_id: str | None, description: str) -> InboundNumber:
        number = await self._normalise(raw, kind)
        await self._check_flow(flow_id)
        doc = InboundNumber(tenant_id=self.scope.tenant_id, number=number, kind=kind, flow_id=flow_id,
                            description=description, lookup_key=lookup_key(kind, number, self.scope.tenant_id),
                            pattern_prefix=pattern_prefix(number) if kind == NumberKind.pattern else None)
        try:
            return await self.numbers.insert(doc)
        except DuplicateKeyError:
            # Deliberately the same answer whether the number is this tenant's or another's.
            message = "This number is already in use."
            raise Conflict(message, code="number.taken", errors=[FieldError("number", "number.taken", message)]) from None

    async def update(self, number_id: str, changes: dict[str, Any]) -> InboundNumber:
        number = await self.numbers.get(number_id)
        if "flow_id" in changes:
            await self._check_flow(changes["flow_id"])
        return await self.numbers.update(number, changes)

    async def delete(self, number_id: str) -> None:
        await self.numbers.delete(await self.numbers.get(number_id))
