"""Getting contacts into a list: a file uploaded in the browser's wizard (store, preview, map, start), a
file sent by another system with its mapping in one request, or a small batch of JSON rows."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

from bson import ObjectId
from litestar.datastructures import UploadFile
from pydantic import ValidationError
from pymongo.errors import DuplicateKeyError

from backend.domains.contacts.importing import ImportFiles, ImportJob
from backend.domains.contacts.models import ContactImport, ImportState, SavedMapping
from backend.domains.contacts.parsing import ColumnMapping, ContactFileError, DuplicatePolicy, open_contacts, preview
from backend.domains.contacts.parsing.report import REPORT_DELIMITER
from backend.domains.contacts.runner import ImportRunner
from backend.domains.contacts.schemas import ContactRows, ImportStart, PreviewOut, RowProblem
from backend.domains.contacts.services import ContactListService, tenant_region
from backend.errors import FieldError, NotFound, ValidationFailed
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope

MAX_CONTACT_FILE_BYTES = 100 * 1024 * 1024
JSON_ROWS_WAIT_SECONDS = 60

# Header words that say what a column holds, for the mapping the wizard proposes.
_GUESSES = {
    "external_id": re.compile(r"^(id|ид|external.?id|внешн|код|лицев|account|договор)", re.I),
    "name": re.compile(r"(фио|^имя|name|клиент|абонент|контакт)", re.I),
    "phones": re.compile(r"(тел|phone|номер|mobile|моб|msisdn)", re.I),
    "timezone": re.compile(r"(time.?zone|часов|tz$)", re.I),
}
_TRANSLIT = str.maketrans({**dict(zip("абвгдеёзийклмнопрстуфхцыэ", "abvgdeeziyklmnoprstufhcye")),
                           "ж": "zh", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""})


def file_error(exc: ContactFileError, field: str = "file") -> ValidationFailed:
    return ValidationFailed.coded(f"mapping.{exc.field}" if exc.field else field, exc.code, exc.message_en,
                                  detail_ru=exc.message_ru)


def variable_name(column: str) -> str | None:
    """A column header as a contact.* variable name: "Сумма долга" → "summa_dolga"."""
    name = re.sub(r"[^a-z0-9]+", "_", column.casefold().translate(_TRANSLIT)).strip("_")
    if not name or not name[0].isalpha():
        return None
    return name[:40]


def suggest_mapping(header: list[str], last_mapping: dict[str, Any] | None) -> dict[str, Any] | None:
    """The list's last mapping when this file has its columns, else a guess from the header's words."""
    if last_mapping:
        try:
            ColumnMapping.model_validate(last_mapping).resolve(header)
            return last_mapping
        except (ContactFileError, ValidationError):
            pass
    mapping: dict[str, Any] = {"phones": [], "variables": {}, "has_header": True}
    for column in header:
        role = next((role for role, words in _GUESSES.items() if words.search(column)), None)
        if role == "phones":
            mapping["phones"].append(column)
        elif role and role not in mapping:
            mapping[role] = column
        elif (name := variable_name(column)) and name not in mapping["variables"]:
            mapping["variables"][name] = column
    return mapping if mapping["phones"] else None


class ImportService:
    def __init__(self, tenant_scope: TenantScope, files: ImportFiles, runner: ImportRunner) -> None:
        self.scope = tenant_scope
        self.files = files
        self.runner = runner
        self.imports = TenantRepository(ContactImport, tenant_scope)
        self.mappings = TenantRepository(SavedMapping, tenant_scope)
        self.lists = ContactListService(tenant_scope)

    async def page(self, paging: PageParams, list_id: str | None) -> Page[ContactImport]:
        return await self.imports.page({"list_id": list_id} if list_id else {}, paging)

    async def get(self, import_id: str) -> ContactImport:
        return await self.imports.get(import_id)

    async def upload(self, list_id: str, file: UploadFile, start: ImportStart | None) -> tuple[ContactImport, PreviewOut]:
        contact_list = await self.lists.get(list_id)
        job = ContactImport(tenant_id=self.scope.tenant_id, list_id=list_id, file_name=file.filename or "upload",
                            created_by=self.scope.actor.label)
        await self.imports.insert(job)
        path = self.files.upload(job)
        try:
            job.file_size = await asyncio.to_thread(_store, file, path)
            shown = await self._preview(job, None, contact_list.last_mapping)
        except BaseException:
            path.unlink(missing_ok=True)
            await self.imports.delete(job)
            raise
        await self.imports.update(job, {"file_size": job.file_size, "format": shown.format, "sheets": shown.sheets,
                                        "sheet": shown.sheet, "header": shown.header})
        if start is not None:
            job = await self.start(str(job.id), start)
        return job, shown

    async def preview(self, import_id: str, sheet: str | None) -> PreviewOut:
        job = await self.get(import_id)
        contact_list = await self.lists.get(job.list_id)
        return await self._preview(job, sheet, contact_list.last_mapping)

    async def _preview(self, job: ContactImport, sheet: str | None, last_mapping: dict | None) -> PreviewOut:
        try:
            shown = await asyncio.to_thread(preview, self.files.upload(job), sheet)
        except ContactFileError as exc:
            raise file_error(exc, "sheet" if exc.code == "file.sheet_not_found" else "file") from None
        except FileNotFoundError:
            raise NotFound("The uploaded file of this import is gone.", code="contact_import.file_gone") from None
        return PreviewOut(format=shown.format, encoding=shown.encoding, delimiter=shown.delimiter, sheets=shown.sheets,
                          sheet=shown.sheet, header=shown.header, rows=shown.rows,
                          suggested_mapping=suggest_mapping(shown.header, last_mapping))

    async def _mapping(self, start: ImportStart) -> ColumnMapping:
        if start.mapping is not None:
            return start.mapping
        if start.mapping_id is None:
            raise ValidationFailed.for_field("mapping", "required", "Give a column mapping or the id of a saved one.")
        saved = await self.mappings.find_one({"_id": ObjectId(start.mapping_id)})
        if saved is None:
            raise ValidationFailed.for_field("mapping_id", "contact_mapping.not_found", "No saved mapping has this id.")
        return ColumnMapping.model_validate(saved.mapping)

    async def start(self, import_id: str, start: ImportStart) -> ContactImport:
        job = await self.get(import_id)
        if job.state != ImportState.uploaded:
            raise ValidationFailed.for_field("state", "contact_import.already_started", "This import has already started.")
        mapping = await self._mapping(start)
        region = await tenant_region(self.scope)
        try:  # the mapping against the file's header, before anything is queued
            await asyncio.to_thread(_check_mapping, self.files.upload(job), mapping, region, start.sheet)
        except ContactFileError as exc:
            raise file_error(exc, "sheet") from None
        await self.lists.refuse_while_importing(job.list_id)
        if start.save_mapping_as:
            await self.mappings.insert(SavedMapping(tenant_id=self.scope.tenant_id, name=start.save_mapping_as,
                                                    mapping=mapping.model_dump()))
        changes = {"mapping": mapping.model_dump(), "policy": str(start.policy), "state": ImportState.queued}
        if start.sheet:
            changes["sheet"] = start.sheet
        if not await self.imports.update_where(job, {"state": ImportState.uploaded}, changes, action="start"):
            raise ValidationFailed.for_field("state", "contact_import.already_started", "This import has already started.")
        self.runner.submit()
        return job

    async def import_rows(self, list_id: str, data: ContactRows) -> tuple[ContactImport, list[RowProblem]]:
        """JSON rows go through exactly the file path (a CSV written here), and are imported before the
        answer: the response carries the counts and every problem, by index in ``rows``."""
        await self.lists.get(list_id)
        await self.lists.refuse_while_importing(list_id)
        job = ContactImport(tenant_id=self.scope.tenant_id, list_id=list_id, file_name="rows.json", source="rows",
                            policy=str(data.policy), state=ImportState.reading, format="json",
                            created_by=self.scope.actor.label)
        await self.imports.insert(job)
        mapping = await asyncio.to_thread(_rows_to_csv, data, self.files.upload(job))
        job.mapping = mapping.model_dump()
        await ImportJob(job, self.files, await tenant_region(self.scope)).run()
        return job, await asyncio.to_thread(_rows_problems, self.files.report(job))

    def report_path(self, job: ContactImport) -> Path:
        path = self.files.report(job)
        if not path.exists():
            raise NotFound("This import has no error report.", code="contact_import.no_report")
        return path

    # Saved mappings

    async def mappings_page(self, paging: PageParams) -> Page[SavedMapping]:
        return await self.mappings.page({}, paging)

    async def save_mapping(self, name: str, mapping: ColumnMapping) -> SavedMapping:
        try:
            return await self.mappings.insert(SavedMapping(tenant_id=self.scope.tenant_id, name=name,
                                                           mapping=mapping.model_dump()))
        except DuplicateKeyError:
            raise ValidationFailed.for_field("name", "name_taken", "A mapping with this name exists.") from None

    async def delete_mapping(self, mapping_id: str) -> None:
        await self.mappings.delete(await self.mappings.get(mapping_id))


def _store(upload: UploadFile, path: Path) -> int:
    """Copies the spooled upload to the import's file, refusing one over the limit as it goes."""
    upload.file.seek(0)
    written = 0
    with open(path, "wb") as target:
        while chunk := upload.file.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_CONTACT_FILE_BYTES:
                raise ValidationFailed.coded("file", "file.too_large", f"The file is larger than {MAX_CONTACT_FILE_BYTES // 2**20} MB.")
            target.write(chunk)
    if not written:
        raise ValidationFailed.coded("file", "file.empty", "The file has no data.")
    return written


def _check_mapping(path: Path, mapping: ColumnMapping, region: str, sheet: str | None) -> None:
    with open_contacts(path, mapping, region=region, sheet=sheet):
        pass


def _rows_to_csv(data: ContactRows, path: Path) -> ColumnMapping:
    most_phones = max(len(row.phones) for row in data.rows)
    variables = list(dict.fromkeys(name for row in data.rows for name in row.variables))
    header = ["external_id", "name", "timezone", *(f"phone_{i + 1}" for i in range(most_phones)), *variables]
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=",")
        writer.writerow(header)
        for row in data.rows:
            values = [row.variables.get(name) for name in variables]
            writer.writerow([row.external_id or "", row.name, row.timezone or "",
                             *(row.phones + [""] * (most_phones - len(row.phones))),
                             *("" if v is None else json.dumps(v) if isinstance(v, bool) else v for v in values)])
    return ColumnMapping(external_id="external_id", name="name", timezone="timezone",
                         phones=[f"phone_{i + 1}" for i in range(most_phones)],
                         variables={name: name for name in variables})


def _rows_problems(report: Path) -> list[RowProblem]:
    if not report.exists():
        return []
    with open(report, encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file, delimiter=REPORT_DELIMITER))[1:]
    # Row 1 of the CSV written above is its header: JSON row i is CSV row i + 2.
    return [RowProblem(row=int(row) - 2, column=column, code=code, message=en, message_ru=ru.removeprefix("'"))
            for row, column, code, ru, en in lines]


def _policy(value: str | None) -> DuplicatePolicy:
    try:
        return DuplicatePolicy(value or "skip")
    except ValueError:
        raise ValidationFailed.for_field("policy", "invalid", "The policy is skip or update.") from None


def start_from_form(mapping: str | None, mapping_id: str | None, sheet: str | None,
                    policy: str | None) -> ImportStart | None:
    """The multipart form's import settings, or None when the file is only to be previewed."""
    if mapping is None and mapping_id is None:
        return None
    try:
        return ImportStart.model_validate({
            "mapping": json.loads(mapping) if mapping else None, "mapping_id": mapping_id, "sheet": sheet or None,
            "policy": _policy(policy)})
    except json.JSONDecodeError:
        raise ValidationFailed.for_field("mapping", "invalid_json", "The mapping is not valid JSON.") from None
    except ValidationError as exc:
        raise ValidationFailed("The import settings are not valid.", errors=[
            FieldError(".".join(str(p) for p in err["loc"]), err["type"], err["msg"]) for err in exc.errors()]) from None

