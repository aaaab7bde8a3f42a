"""One import job, from the stored file to contacts in the list, all or nothing.

Reading: the job becomes its list's ``open_import`` (one at a time per list), then the file is parsed in a
worker thread, a batch of rows at a time (parsing is CPU work; the event loop stays free). New contacts
are inserted tagged with the import's id, which readers skip while it is the list's open import, and
updates to existing contacts are written beside them in ``staged``. Committing: the staged updates are
applied and the list's open import cleared, which shows the new contacts all at once (no per-contact
write: the database writes a few thousand documents a second). A job that fails while reading is rolled
back (its contacts deleted, its staged updates dropped); a job found committing after a restart is rolled
forward. Either way the list ends as it was before the import or as it is after it, never in between.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Iterator

from bson import ObjectId
from pymongo import UpdateOne

from backend.domains.contacts.models import Contact, ContactImport, ContactList, ImportCounts, ImportState
from backend.domains.contacts.parsing import (
    ColumnMapping, ContactFileError, DuplicateCheck, DuplicatePolicy, ErrorReportWriter, Outcome, ParsedContact,
    RowIssue, check_duplicates, key_words, open_contacts,
)
from backend.jobs import update_job
from tenants.documents import utcnow

log = logging.getLogger(__name__)

BATCH_ROWS = 2000


class ImportFiles:
    """Where an import's upload and error report are kept: <data_dir>/imports/<tenant>/<import id>.*"""

    def __init__(self, data_dir: str | Path) -> None:
        self.root = Path(data_dir).resolve() / "imports"

    def folder(self, tenant_id: str) -> Path:
        path = self.root / tenant_id
        path.mkdir(parents=True, exist_ok=True)
        return path

    def upload(self, job: ContactImport) -> Path:
        return self.folder(job.tenant_id) / f"{job.id}.upload"

    def report(self, job: ContactImport) -> Path:
        return self.folder(job.tenant_id) / f"{job.id}.errors.csv"


def contact_fields(contact: ParsedContact) -> dict[str, Any]:
    return {"external_id": contact.external_id, "name": contact.name or "", "phones": contact.phones,
            "timezone": contact.timezone, "variables": contact.variables}


@dataclass
class _Batch:
    checks: list[DuplicateCheck]
    progress: float | None


class _FileReader:
    """The parsing side, used from a worker thread one batch at a time."""

    def __init__(self, path: Path, mapping: ColumnMapping, region: str, sheet: str | None,
                 policy: DuplicatePolicy, report_path: Path) -> None:
        self._stack = ExitStack()
        self._file = self._stack.enter_context(open(path, "rb"))
        self._size = path.stat().st_size or 1
        reader = self._stack.enter_context(open_contacts(self._file, mapping, region=region, sheet=sheet))
        self.is_csv = reader.layout.format == "csv"
        self.report = self._stack.enter_context(ErrorReportWriter(report_path))
        self._checks: Iterator[DuplicateCheck] = check_duplicates(reader, policy)

    def next_batch(self) -> _Batch:
        checks = list(islice(self._checks, BATCH_ROWS))
        for check in checks:
            self.report.add(check)
        # A CSV is read front to back, so the file position tells how far; a workbook is a zip read from
        # its end, so there only the row count shows progress.
        progress = min(self._file.tell() / self._size, 1.0) if self.is_csv else None
        return _Batch(checks, progress)

    def close(self) -> None:
        self._stack.close()


class ImportJob:
    """Runs one queued ContactImport to completion (or failure) and records everything on it."""

    def __init__(self, job: ContactImport, files: ImportFiles, region: str) -> None:
        self.job = job
        self.files = files
        self.region = region
        self.id = str(job.id)
        self.policy = DuplicatePolicy(job.policy)
        self.counts = ImportCounts()

    async def run(self) -> None:
        job = self.job
        await self._set(state=ImportState.reading, started_at=utcnow())
        opened = await ContactList.get_pymongo_collection().update_one(
            {"_id": ObjectId(job.list_id), "tenant_id": job.tenant_id, "open_import": None},
            {"$set": {"open_import": self.id}})
        if not opened.matched_count:
            await self._set(state=ImportState.failed, finished_at=utcnow(), error={
                "code": "contact_list.import_in_progress", "detail": "Another import into this list is under way.",
                "detail_ru": "В этот список уже идёт другой импорт.", "field": None})
            return
        try:
            await self._read()
        except ContactFileError as exc:
            await self.roll_back(error={"code": exc.code, "detail": exc.message_en, "detail_ru": exc.message_ru,
                                        "field": exc.field})
            return
        except Exception:
            log.exception("import %s failed", job.id)
            await self.roll_back(error={"code": "import.failed", "detail": "The import failed; nothing was imported.",
                                        "detail_ru": "Импорт не удался; ничего не загружено.", "field": None})
            return
        await self._set(state=ImportState.committing)
        await self.commit()

    async def _read(self) -> None:
        mapping = ColumnMapping.model_validate(self.job.mapping)
        reader = await asyncio.to_thread(_FileReader, self.files.upload(self.job), mapping, self.region,
                                         self.job.sheet, self.policy, self.files.report(self.job))
        try:
            while True:
                batch = await asyncio.to_thread(reader.next_batch)
                if not batch.checks:
                    break
                await self._stage(batch.checks, reader.report)
                self.counts.rows += len(batch.checks)
                await self._set(counts=self.counts.model_dump(), progress=batch.progress,
                                report_lines=reader.report.lines)
        finally:
            await asyncio.to_thread(reader.close)
        await self._set(report_lines=reader.report.lines, progress=1.0)

    async def _stage(self, checks: list[DuplicateCheck], report: ErrorReportWriter) -> None:
        """Stages one batch: new contacts inserted invisibly, updates kept beside the contacts they change."""
        tenant, list_id, counts = self.job.tenant_id, self.job.list_id, self.counts
        keys = {check.key for check in checks if check.outcome in (Outcome.new, Outcome.updates)}
        stored = {doc["key"]: doc for doc in await Contact.get_pymongo_collection().find(
            {"tenant_id": tenant, "list_id": list_id, "key": {"$in": list(keys)}},
            {"key": 1, "import_id": 1}).to_list(None)}
        inserts: dict[str, dict[str, Any]] = {}
        updates: dict[str, tuple[Any, dict[str, Any], bool]] = {}  # key → (_id, fields, made by this import)
        for check in checks:
            row = check.row
            if check.outcome is Outcome.rejected:
                counts.rejected += 1
                continue
            if check.outcome is Outcome.skipped:
                counts.skipped += 1
                continue
            assert isinstance(row, ParsedContact) and check.key is not None
            counts.warnings += bool(row.warnings)
            fields = contact_fields(row)
            existing = stored.get(check.key)
            if check.key in inserts:  # a repeat of a row of this batch, under policy update
                inserts[check.key].update(fields)
                counts.updated += 1
            elif existing is None:
                now = utcnow()
                inserts[check.key] = {"tenant_id": tenant, "list_id": list_id, "key": check.key,
                                      "import_id": self.id, "staged": None, "created_at": now,
                                      "updated_at": now, **fields}
                counts.imported += 1
            elif existing.get("import_id") != self.id and check.outcome is Outcome.new \
                    and self.policy is DuplicatePolicy.skip:
                counts.skipped += 1
                report.add(_InListSkipped(row))
            else:  # an update of a stored contact, or of one this import made in an earlier batch
                updates[check.key] = (existing["_id"], fields, existing.get("import_id") == self.id)
                counts.updated += 1
        collection = Contact.get_pymongo_collection()
        if inserts:
            await collection.insert_many(list(inserts.values()), ordered=False)
        if updates:
            await collection.bulk_write([
                UpdateOne({"_id": _id}, {"$set": fields if pending else
                                         {"staged": {"import_id": self.id, "fields": fields}}})
                for _id, fields, pending in updates.values()], ordered=False)

    async def commit(self) -> None:
        """Makes the import visible; safe to repeat (a restart resumes here)."""
        collection = Contact.get_pymongo_collection()
        while staged := await collection.find({"staged.import_id": self.id, "tenant_id": self.job.tenant_id},
                                              {"staged": 1}).limit(BATCH_ROWS).to_list(None):
            now = utcnow()
            await collection.bulk_write([
                UpdateOne({"_id": doc["_id"], "staged.import_id": self.id},
                          {"$set": {**doc["staged"]["fields"], "staged": None, "updated_at": now}})
                for doc in staged], ordered=False)
        await self._close_list(last_mapping=self.job.mapping)
        await self._set(state=ImportState.completed, finished_at=utcnow(), progress=1.0)

    async def roll_back(self, error: dict[str, Any]) -> None:
        collection = Contact.get_pymongo_collection()
        await collection.delete_many({"tenant_id": self.job.tenant_id, "list_id": self.job.list_id,
                                      "import_id": self.id})
        await collection.update_many({"staged.import_id": self.id, "tenant_id": self.job.tenant_id},
                                     {"$set": {"staged": None}})
        await self._close_list()
        await self._set(state=ImportState.failed, error=error, finished_at=utcnow())

    async def _close_list(self, **changes: Any) -> None:
        """Shows what the list now holds: the import is no longer the list's open one, the count is fresh."""
        await ContactList.get_pymongo_collection().update_one(
            {"_id": ObjectId(self.job.list_id), "tenant_id": self.job.tenant_id, "open_import": self.id},
            {"$set": {"open_import": None}})
        await refresh_contact_count(self.job.tenant_id, self.job.list_id, **changes)

    async def _set(self, **changes: Any) -> None:
        await update_job(self.job, **changes)
        if "counts" in changes:  # stored as the dict it was given; the document keeps its model
            self.job.counts = ImportCounts(**changes["counts"])


class _InListSkipped:
    """The report line of a row whose contact the list already has (policy skip)."""

    def __init__(self, contact: ParsedContact) -> None:
        self.issues = (RowIssue.of("row.in_list_skipped", contact.row_number, "", key=key_words(contact)),)


def visible_contacts(contact_list: ContactList) -> dict[str, Any]:
    """The query part that leaves out the contacts of the list's import under way."""
    query: dict[str, Any] = {"tenant_id": contact_list.tenant_id, "list_id": str(contact_list.id)}
    if contact_list.open_import:
        query["import_id"] = {"$ne": contact_list.open_import}
    return query


async def refresh_contact_count(tenant_id: str, list_id: str, **changes: Any) -> None:
    contact_list = await ContactList.find_one({"_id": ObjectId(list_id), "tenant_id": tenant_id})
    if contact_list is None:
        return
    count = await Contact.get_pymongo_collection().count_documents(visible_contacts(contact_list))
    changes = {k: v for k, v in changes.items() if v is not None}
    await ContactList.get_pymongo_collection().update_one(
        {"_id": ObjectId(list_id), "tenant_id": tenant_id},
        {"$set": {"contact_count": count, **changes, "updated_at": utcnow()}})
