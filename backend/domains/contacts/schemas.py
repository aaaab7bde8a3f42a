from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from litestar.datastructures import UploadFile
from pydantic import Field, StringConstraints

from backend.domains.contacts.parsing import ColumnMapping, DuplicatePolicy
from backend.domains.contacts.parsing.mapping import VariableName
from backend.schemas import LongText, ObjectIdStr, RequestModel, ResponseModel, ShortText, Timezone

MAX_JSON_ROWS = 1000
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=100)]
RawPhone = Annotated[str, StringConstraints(min_length=1, max_length=40)]
VariableValue = Annotated[str, StringConstraints(max_length=1000)] | int | float | bool | None


class ContactListCreate(RequestModel):
    name: ShortText
    comment: LongText = ""


class ContactListUpdate(RequestModel):
    name: ShortText | None = None
    comment: LongText | None = None


class ContactListOut(ResponseModel):
    id: str
    name: str
    comment: str
    contact_count: int
    last_mapping: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, doc) -> "ContactListOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


class ContactIn(RequestModel):
    """A contact as API clients send it; phones are normalised with the organisation's phone region."""

    external_id: ExternalId | None = None
    name: Annotated[str, StringConstraints(max_length=200)] = ""
    phones: list[RawPhone] = Field(min_length=1, max_length=10)
    timezone: Timezone | None = None
    variables: dict[VariableName, VariableValue] = Field(default_factory=dict, max_length=100)


class ContactUpdate(RequestModel):
    external_id: ExternalId | None = None
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    phones: list[RawPhone] | None = Field(None, min_length=1, max_length=10)
    timezone: Timezone | None = None
    variables: dict[VariableName, VariableValue] | None = Field(None, max_length=100)


class ContactOut(ResponseModel):
    id: str
    list_id: str
    external_id: str | None
    name: str
    phones: list[str]
    timezone: str | None
    variables: dict[str, Any]
    updated_at: datetime

    @classmethod
    def of(cls, doc) -> "ContactOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


class ContactRows(RequestModel):
    """A small batch of contacts sent as JSON instead of a file; imported all or nothing like a file."""

    rows: list[ContactIn] = Field(min_length=1, max_length=MAX_JSON_ROWS)
    policy: DuplicatePolicy = DuplicatePolicy.skip


@dataclass
class ImportUpload:
    """The multipart form of a file upload. Without ``mapping``/``mapping_id`` the file is only stored and
    previewed (the browser wizard's first step); with one, the import starts at once (API clients)."""

    file: UploadFile
    mapping: str | None = None  # a ColumnMapping as JSON
    mapping_id: str | None = None
    sheet: str | None = None
    policy: str | None = None


class ImportStart(RequestModel):
    mapping: ColumnMapping | None = None
    mapping_id: ObjectIdStr | None = None
    sheet: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    policy: DuplicatePolicy = DuplicatePolicy.skip
    save_mapping_as: ShortText | None = None


class PreviewOut(ResponseModel):
    format: str
    encoding: str | None
    delimiter: str | None
    sheets: list[str]
    sheet: str | None
    header: list[str]
    rows: list[list[str]]
    suggested_mapping: dict[str, Any] | None


class ImportError_(ResponseModel):
    code: str
    detail: str
    detail_ru: str | None = None
    field: str | None = None


class RowProblem(ResponseModel):
    row: int  # JSON rows: the index in `rows`; files: the row number as the spreadsheet shows it
    column: str
    code: str
    message: str
    message_ru: str


class ImportOut(ResponseModel):
    id: str
    list_id: str
    file_name: str
    file_size: int
    source: str
    format: str | None
    sheet: str | None
    sheets: list[str]
    header: list[str]
    mapping: dict[str, Any] | None
    policy: str
    state: str
    counts: dict[str, int]
    progress: float | None
    report_lines: int
    error: ImportError_ | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    preview: PreviewOut | None = None
    problems: list[RowProblem] | None = None  # JSON rows only: the report, inline

    @classmethod
    def of(cls, doc, **extra: Any) -> "ImportOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id), **extra})


class MappingCreate(RequestModel):
    name: ShortText
    mapping: ColumnMapping


class MappingOut(ResponseModel):
    id: str
    name: str
    mapping: dict[str, Any]
    created_at: datetime

    @classmethod
    def of(cls, doc) -> "MappingOut":
        return cls.model_validate({**doc.model_dump(), "id": str(doc.id)})


ExportFormat = Literal["csv", "xlsx"]
