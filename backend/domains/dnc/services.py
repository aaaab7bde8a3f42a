"""Do-not-call lists (стоп-лист): the tenant's own, and the provider's for every tenant (tenant_id
PROVIDER_WIDE). The dialer checks both before every call."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from itertools import chain
from pathlib import Path
from typing import Any

from litestar.datastructures import UploadFile
from pymongo.errors import BulkWriteError, DuplicateKeyError

from backend.domains.audit.recorder import record_audit
from backend.domains.contacts.imports import file_error
from backend.domains.contacts.parsing import ContactFileError, PhoneNormaliser, PhoneProblem
from backend.domains.contacts.parsing.issues import localise
from backend.domains.contacts.parsing.table import open_table
from backend.domains.contacts.services import tenant_region
from backend.domains.dnc.schemas import DncImportOut, DncRowProblem
from backend.errors import Conflict, FieldError, ValidationFailed
from backend.exporting import ExportFormat, write_table
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from flow_runtime.outbound.models import PROVIDER_WIDE, DncEntry
from tenants.documents import utcnow

MAX_DNC_FILE_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 1000
_NUMBER_HEADER = re.compile(r"(тел|phone|номер|number|msisdn)", re.I)
_REASON_HEADER = re.compile(r"(причин|reason|коммент|comment|примеч)", re.I)


class DncService:
    def __init__(self, scope: TenantScope) -> None:
        self.scope = scope
        self.entries = TenantRepository(DncEntry, scope)

    async def _region(self) -> str:
        return "RU" if self.scope.tenant_id == PROVIDER_WIDE else await tenant_region(self.scope)

    async def page(self, paging: PageParams, search: str | None) -> Page[DncEntry]:
        digits = re.sub(r"\D", "", search or "")
        return await self.entries.page({"number": {"$regex": re.escape(digits)}} if digits else {}, paging)

    async def add(self, raw: str, reason: str) -> DncEntry:
        phone = PhoneNormaliser(await self._region()).normalise(raw.strip())
        if isinstance(phone, PhoneProblem):
            message = localise(phone.code, {"value": raw, "reason": phone.reason})[0]
            raise ValidationFailed.for_field("number", phone.code, message)
        try:
            return await self.entries.insert(DncEntry(tenant_id=self.scope.tenant_id, number=phone.e164,
                                                      reason=reason))
        except DuplicateKeyError:
            message = "This number is already on the list."
            raise Conflict(message, code="dnc.already_listed", errors=[FieldError("number", "dnc.already_listed", message)]) from None

    async def delete(self, entry_id: str) -> None:
        await self.entries.delete(await self.entries.get(entry_id))

    async def import_file(self, upload: UploadFile, default_reason: str) -> DncImportOut:
        """Reads and checks the whole file before writing anything; then adds the numbers not yet listed.
        Adding is idempotent, so an import cut short by a failure is finished by sending the file again."""
        region = await self._region()
        try:
            numbers, result = await asyncio.to_thread(_read_numbers, upload, region, default_reason)
        except ContactFileError as exc:
            raise file_error(exc) from None
        now = utcnow()
        docs = [{"tenant_id": self.scope.tenant_id, "number": number, "reason": reason, "created_at": now,
                 "updated_at": now} for number, reason in numbers.items()]
        added = 0
        for start in range(0, len(docs), 5000):
            try:
                added += len((await DncEntry.get_pymongo_collection().insert_many(
                    docs[start:start + 5000], ordered=False)).inserted_ids)
            except BulkWriteError as exc:
                if any(error["code"] != 11000 for error in exc.details["writeErrors"]):
                    raise
                added += exc.details["nInserted"]
        await record_audit(self.scope.actor, tenant_id=self.scope.tenant_id, action="import", object_type="dnc_entry",
                           object_id="", summary={"added": added, "rows": result.rows})
        return result.model_copy(update={"added": added, "already_listed": len(numbers) - added
                                         + result.already_listed})

    async def export(self, fmt: ExportFormat) -> Path:
        collection = DncEntry.get_pymongo_collection()

        async def rows() -> AsyncIterator[list[list[Any]]]:
            batch: list[list[Any]] = []
            async for doc in collection.find({"tenant_id": self.scope.tenant_id}).sort("number", 1):
                batch.append([doc["number"], doc.get("reason", ""), doc["created_at"].date().isoformat()])
                if len(batch) == 2000:
                    yield batch
                    batch = []
            if batch:
                yield batch

        return await write_table(fmt, ["number", "reason", "added"], rows(), sheet_title="DNC")


def _read_numbers(upload: UploadFile, region: str, default_reason: str) -> tuple[dict[str, str], DncImportOut]:
    upload.file.seek(0, 2)
    if upload.file.tell() > MAX_DNC_FILE_BYTES:
        raise ValidationFailed.coded("file", "file.too_large", f"The file is larger than {MAX_DNC_FILE_BYTES // 2**20} MB.")
    phones = PhoneNormaliser(region)
    numbers: dict[str, str] = {}
    problems: list[DncRowProblem] = []
    rows = rejected = repeated = 0
    with open_table(upload.file) as table:
        first = next(table.rows, None)
        if first is None:
            raise ContactFileError("file.empty")
        number_column, reason_column = 0, 1
        data = table.rows
        if isinstance(phones.normalise(first[1][0]), PhoneProblem):  # a header row
            header = first[1]
            number_column = next((i for i, name in enumerate(header) if _NUMBER_HEADER.search(name)), 0)
            reason_column = next((i for i, name in enumerate(header) if _REASON_HEADER.search(name)), -1)
        else:
            data = chain([first], table.rows)
        for row_number, cells in data:
            rows += 1
            raw = cells[number_column] if number_column < len(cells) else ""
            phone = phones.normalise(raw) if raw else PhoneProblem("phone.missing")
            if isinstance(phone, PhoneProblem):
                rejected += 1
                if len(problems) < MAX_PROBLEMS:
                    en, ru = localise(phone.code, {"value": raw, "reason": phone.reason})
                    problems.append(DncRowProblem(row=row_number, code=phone.code, message=en, message_ru=ru))
                continue
            reason = cells[reason_column] if 0 <= reason_column < len(cells) and cells[reason_column] else default_reason
            if phone.e164 in numbers:
                repeated += 1
            numbers[phone.e164] = reason[:500]
    return numbers, DncImportOut(rows=rows, added=0, already_listed=repeated, rejected=rejected, problems=problems)
