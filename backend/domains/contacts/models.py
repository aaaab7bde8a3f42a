"""Contact lists (списки оповещения), their contacts, saved column mappings and import jobs."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

import pymongo
from pydantic import BaseModel, Field

from tenants.documents import TenantDocument

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING


class ContactList(TenantDocument):
    name: str
    comment: str = ""
    contact_count: int = 0
    open_import: str | None = None  # the import under way: its contacts are not shown until it completes
    last_mapping: dict[str, Any] | None = None  # the mapping of its last import, offered for the next one

    object_type: ClassVar[str] = "contact_list"

    class Settings:
        name = "contact_lists"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("tenant_id", ASC), ("name", ASC)], unique=True),
        ]


class Contact(TenantDocument):
    """A contact of a list. ``import_id`` names the import that added it: while that import is the list's
    ``open_import`` readers do not see the contact, and updates the import makes to existing contacts wait
    in ``staged`` until it commits, so a failed import leaves the list as it was."""

    list_id: str
    key: str  # "external_id:<id>" or "phone:<first E.164>": duplicates within a list share it
    external_id: str | None = None
    name: str = ""
    phones: list[str] = Field(default_factory=list)  # E.164, in the order the dialer tries them
    timezone: str | None = None
    variables: dict[str, Any] = Field(default_factory=dict)
    import_id: str | None = None
    staged: dict[str, Any] | None = None  # {"import_id": …, "fields": {…}}

    object_type: ClassVar[str] = "contact"

    class Settings:
        name = "contacts"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("list_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("tenant_id", ASC), ("list_id", ASC), ("key", ASC)], unique=True),
            pymongo.IndexModel([("staged.import_id", ASC)], partialFilterExpression={"staged": {"$type": "object"}}),
        ]


class SavedMapping(TenantDocument):
    """A column mapping saved under a name, reused by the upload wizard and by API clients (mapping_id)."""

    name: str
    mapping: dict[str, Any]

    object_type: ClassVar[str] = "contact_mapping"

    class Settings:
        name = "contact_mappings"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("tenant_id", ASC), ("name", ASC)], unique=True),
        ]


class ImportState(StrEnum):
    uploaded = "uploaded"  # stored and previewed; waiting for a mapping
    queued = "queued"
    reading = "reading"  # rows parsed and staged, invisible to readers
    committing = "committing"  # staged rows being made visible; resumed after a restart
    completed = "completed"
    failed = "failed"  # nothing of it reached the list


OPEN_IMPORT_STATES = frozenset({ImportState.queued, ImportState.reading, ImportState.committing})


class ImportCounts(BaseModel):
    rows: int = 0  # data rows read so far
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    warnings: int = 0  # report lines of rows that were imported anyway (e.g. an invalid second phone)


class ContactImport(TenantDocument):
    list_id: str
    file_name: str
    file_size: int = 0
    source: str = "upload"  # "upload" (a file) or "rows" (JSON rows sent to the API)
    format: str | None = None
    sheet: str | None = None
    sheets: list[str] = Field(default_factory=list)
    header: list[str] = Field(default_factory=list)
    mapping: dict[str, Any] | None = None
    policy: str = "skip"
    state: ImportState = ImportState.uploaded
    counts: ImportCounts = Field(default_factory=ImportCounts)
    progress: float | None = None  # 0..1 of the file read, when it can be told
    report_lines: int = 0
    error: dict[str, Any] | None = None  # the problem that failed it: code, detail, field
    started_at: datetime | None = None
    finished_at: datetime | None = None
    created_by: str | None = None

    object_type: ClassVar[str] = "contact_import"

    class Settings:
        name = "contact_imports"
        indexes = [
            pymongo.IndexModel([("tenant_id", ASC), ("_id", DESC)]),
            pymongo.IndexModel([("tenant_id", ASC), ("list_id", ASC), ("state", ASC)]),
            pymongo.IndexModel([("state", ASC)]),
        ]
