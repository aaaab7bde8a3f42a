"""Contact lists and their contacts: create, browse, edit, delete, export."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bson import ObjectId
from pymongo.errors import DuplicateKeyError

from backend.domains.contacts.importing import refresh_contact_count, visible_contacts
from backend.domains.contacts.models import OPEN_IMPORT_STATES, Contact, ContactImport, ContactList
from backend.domains.contacts.parsing import ParsedContact, duplicate_key
from backend.domains.contacts.parsing.contacts import RowNormaliser
from backend.domains.contacts.parsing.mapping import ResolvedColumns
from backend.domains.contacts.schemas import ContactIn
from backend.errors import Conflict, FieldError, NotFound, ValidationFailed
from backend.exporting import ExportFormat, write_table
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from flow_runtime.outbound.models import ACTIVE_STATES, Campaign
from tenants.models import Tenant

EXPORT_BATCH = 2000
_FIXED_CELLS = ("external_id", "name", "timezone")


async def tenant_region(scope: TenantScope) -> str:
    tenant = await Tenant.get(ObjectId(scope.tenant_id))
    return tenant.default_region if tenant else "RU"


def normalise_contact(contact: ContactIn, region: str) -> ParsedContact:
    """A contact sent as JSON, checked exactly as a file row is; its problems are field errors."""
    variables = list(contact.variables)
    cells = [contact.external_id or "", contact.name, contact.timezone or "", *contact.phones,
             *("" if contact.variables[v] is None else str(contact.variables[v]) for v in variables)]
    phone_positions = list(range(3, 3 + len(contact.phones)))
    names = [*_FIXED_CELLS, *(f"phones[{i}]" for i in range(len(contact.phones))),
             *(f"variables.{v}" for v in variables)]
    columns = ResolvedColumns(names=names, external_id=0, name=1, phones=phone_positions, timezone=2,
                              variables=[(v, 3 + len(contact.phones) + i) for i, v in enumerate(variables)])
    result = RowNormaliser(columns, region)(1, cells)
    if not isinstance(result, ParsedContact):
        field = "phones" if result.code == "phone.missing" else result.column
        errors = [FieldError(issue.column if issue.column in names else field, issue.code, issue.message_en)
                  for issue in result.issues]
        raise ValidationFailed(result.message_en, errors=errors)
    return result


class ContactListService:
    def __init__(self, tenant_scope: TenantScope) -> None:
        self.scope = tenant_scope
        self.lists = TenantRepository(ContactList, tenant_scope)
        self.contacts = TenantRepository(Contact, tenant_scope)

    # Lists

    async def page(self, paging: PageParams, search: str | None) -> Page[ContactList]:
        query = {"name": {"$regex": re.escape(search), "$options": "i"}} if search else {}
        return await self.lists.page(query, paging)

    async def get(self, list_id: str) -> ContactList:
        return await self.lists.get(list_id)

    async def create(self, name: str, comment: str) -> ContactList:
        try:
            return await self.lists.insert(ContactList(tenant_id=self.scope.tenant_id, name=name, comment=comment))
        except DuplicateKeyError:
            raise _name_taken() from None

    async def update(self, list_id: str, changes: dict[str, Any]) -> ContactList:
        try:
            return await self.lists.update(await self.get(list_id), changes)
        except DuplicateKeyError:
            raise _name_taken() from None

    async def delete(self, list_id: str) -> None:
        contact_list = await self.get(list_id)
        campaigns = await Campaign.find(self.lists.scoped({"list_ids": list_id, "state": {"$in": list(ACTIVE_STATES)}})
                                        ).to_list()
        if campaigns:
            raise Conflict("Campaigns that have not finished call this list.", code="contact_list.in_use",
                           extra={"campaigns": [{"id": str(c.id), "name": c.name} for c in campaigns]})
        await self.refuse_while_importing(list_id)
        await Contact.get_pymongo_collection().delete_many(self.contacts.scoped({"list_id": list_id}))
        await self.lists.delete(contact_list)

    async def refuse_while_importing(self, list_id: str) -> None:
        if await ContactImport.find_one({"tenant_id": self.scope.tenant_id, "list_id": list_id,
                                         "state": {"$in": list(OPEN_IMPORT_STATES)}}):
            raise Conflict("An import into this list is under way; try again when it has finished.",
                           code="contact_list.import_in_progress")

    # Contacts

    async def contacts_page(self, list_id: str, paging: PageParams, search: str | None) -> Page[Contact]:
        contact_list = await self.get(list_id)
        query: dict[str, Any] = visible_contacts(contact_list)
        if search:
            pattern = {"$regex": re.escape(search), "$options": "i"}
            digits = re.sub(r"\D", "", search)
            query["$or"] = [{"name": pattern}, {"external_id": pattern},
                            *([{"phones": {"$regex": re.escape(digits)}}] if digits else [])]
        return await self.contacts.page(query, paging)

    async def get_contact(self, list_id: str, contact_id: str) -> Contact:
        contact_list = await self.get(list_id)
        contact = await self.contacts.get(contact_id)
        if contact.list_id != list_id or (contact_list.open_import and contact.import_id == contact_list.open_import):
            raise _contact_not_found(contact_id)
        return contact

    async def add_contact(self, list_id: str, data: ContactIn) -> Contact:
        await self.get(list_id)
        parsed = normalise_contact(data, await tenant_region(self.scope))
        contact = Contact(tenant_id=self.scope.tenant_id, list_id=list_id, key=duplicate_key(parsed),
                          external_id=parsed.external_id, name=parsed.name or "", phones=parsed.phones,
                          timezone=parsed.timezone, variables=parsed.variables | typed_variables(data.variables))
        try:
            await self.contacts.insert(contact)
        except DuplicateKeyError:
            raise _contact_taken() from None
        await refresh_contact_count(self.scope.tenant_id, list_id)
        return contact

    async def update_contact(self, list_id: str, contact_id: str, changes: dict[str, Any]) -> Contact:
        contact = await self.get_contact(list_id, contact_id)
        merged = ContactIn.model_validate({
            "external_id": contact.external_id, "name": contact.name, "phones": contact.phones,
            "timezone": contact.timezone, "variables": contact.variables, **changes})
        parsed = normalise_contact(merged, await tenant_region(self.scope))
        try:
            return await self.contacts.update(contact, {
                "external_id": parsed.external_id, "name": parsed.name or "", "phones": parsed.phones,
                "timezone": parsed.timezone, "variables": parsed.variables | typed_variables(merged.variables),
                "key": duplicate_key(parsed)})
        except DuplicateKeyError:
            raise _contact_taken() from None

    async def delete_contact(self, list_id: str, contact_id: str) -> None:
        await self.contacts.delete(await self.get_contact(list_id, contact_id))
        await refresh_contact_count(self.scope.tenant_id, list_id)

    async def iterate(self, list_id: str) -> AsyncIterator[list[dict[str, Any]]]:
        """The list's visible contacts in batches, as stored (for exports)."""
        collection = Contact.get_pymongo_collection()
        visible = visible_contacts(await self.get(list_id))
        last: ObjectId | None = None
        while True:
            query = {**visible, **({"_id": {"$gt": last}} if last else {})}
            batch = await collection.find(query).sort("_id", 1).limit(EXPORT_BATCH).to_list(None)
            if not batch:
                return
            yield batch
            last = batch[-1]["_id"]

    async def export(self, list_id: str, fmt: ExportFormat) -> tuple[ContactList, Path]:
        contact_list = await self.get(list_id)
        # A first pass learns the columns: the most phones a contact has, every variable used.
        most_phones, variables = 1, {}
        async for batch in self.iterate(list_id):
            for doc in batch:
                most_phones = max(most_phones, len(doc["phones"]))
                variables.update(dict.fromkeys(doc.get("variables") or {}))
        names = list(variables)
        header = ["external_id", "name", *(f"phone_{i + 1}" for i in range(most_phones)), "timezone", *names]

        async def rows() -> AsyncIterator[list[list[Any]]]:
            async for batch in self.iterate(list_id):
                yield [[doc.get("external_id"), doc.get("name"),
                        *(doc["phones"] + [None] * (most_phones - len(doc["phones"]))),
                        doc.get("timezone"), *((doc.get("variables") or {}).get(n) for n in names)] for doc in batch]

        return contact_list, await write_table(fmt, header, rows(), sheet_title="Contacts")


def typed_variables(variables: dict[str, Any]) -> dict[str, Any]:
    """Numbers and booleans sent as JSON keep their type (the parser sees every cell as text)."""
    return {name: value for name, value in variables.items() if not isinstance(value, str) and value is not None}


def _name_taken() -> Conflict:
    message = "A contact list with this name exists."
    return Conflict(message, code="contact_list.name_taken", errors=[FieldError("name", "name_taken", message)])


def _contact_taken() -> Conflict:
    message = "The list already has a contact with this external ID (or, without one, this first phone)."
    return Conflict(message, code="contact.duplicate", errors=[FieldError("external_id", "contact.duplicate", message)])


def _contact_not_found(contact_id: str) -> NotFound:
    return NotFound(f"No contact with id {contact_id}.", code="contact.not_found")
