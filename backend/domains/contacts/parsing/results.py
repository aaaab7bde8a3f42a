"""What reading a contact file gives per data row: a contact (perhaps with warnings) or a rejection.

Both carry ``issues``, the lines the row adds to the error report, so callers and the report writer need
not tell them apart for that.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.domains.contacts.parsing.issues import RowIssue


@dataclass(slots=True)
class ParsedContact:
    row_number: int  # 1-based, as the spreadsheet shows it, header counted
    external_id: str | None
    name: str | None
    phones: list[str]  # E.164, in column order, at least one, no repeats
    timezone: str | None  # IANA; None: the campaign's applies
    variables: dict[str, str]
    warnings: tuple[RowIssue, ...] = ()  # problems that did not cost the contact, e.g. an invalid second phone

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return self.warnings


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that yields no contact: the reason, and the problems behind it (e.g. each invalid phone
    behind ``phone.missing``)."""

    row_number: int
    column: str
    code: str
    message_en: str
    message_ru: str
    details: tuple[RowIssue, ...] = ()

    @classmethod
    def because(cls, issue: RowIssue, details: tuple[RowIssue, ...] = ()) -> RejectedRow:
        return cls(issue.row_number, issue.column, issue.code, issue.message_en, issue.message_ru, details)

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return (*self.details,
                RowIssue(self.row_number, self.column, self.code, self.message_en, self.message_ru))


RowResult = ParsedContact | RejectedRow
