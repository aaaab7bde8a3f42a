"""Contacts that appear more than once in one file, keyed by external ID or else by first phone.

Only within the file: contacts already stored are the import job's to match. The keys seen are held in
memory, about 100 bytes a contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from backend.domains.contacts.parsing.issues import RowIssue, quoted
from backend.domains.contacts.parsing.results import ParsedContact, RowResult


class DuplicatePolicy(StrEnum):
    skip = "skip"  # the first row wins; later ones are not imported
    update = "update"  # every later row updates the contact the earlier ones made


class Outcome(StrEnum):
    new = "new"  # the first row with its key
    skipped = "skipped"  # a later row with a key seen before, under ``skip``
    updates = "updates"  # a later row with a key seen before, under ``update``
    rejected = "rejected"  # the row gave no contact, so it has no key


@dataclass(frozen=True, slots=True)
class DuplicateCheck:
    row: RowResult
    outcome: Outcome
    key: str | None  # "external_id:<id>" or "phone:<E.164>"
    first_row_number: int | None  # the row that first had the key, for skipped and updating rows

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        """The row's own issues, and one saying what happened to a repeated row."""
        if self.outcome not in (Outcome.skipped, Outcome.updates):
            return self.row.issues
        contact = self.row
        code = "row.duplicate_skipped" if self.outcome is Outcome.skipped else "row.duplicate_updated"
        # Column "" (the row as a whole): the first phone may come from any of the phone columns.
        return (*contact.issues, RowIssue.of(code, contact.row_number, "", key=key_words(contact),
                                             first_row=self.first_row_number))


def key_words(contact: ParsedContact) -> tuple[str, str]:
    """The key of a contact as words, (English, Russian), for messages."""
    if contact.external_id is not None:
        value = quoted(contact.external_id)
        return f"external ID «{value}»", f"внешний ID «{value}»"
    return f"phone {contact.phones[0]}", f"номер {contact.phones[0]}"


def duplicate_key(contact: ParsedContact) -> str:
    if contact.external_id is not None:
        return f"external_id:{contact.external_id}"
    return f"phone:{contact.phones[0]}"


def check_duplicates(results: Iterable[RowResult], policy: DuplicatePolicy) -> Iterator[DuplicateCheck]:
    first_rows: dict[str, int] = {}
    repeated = Outcome.skipped if policy is DuplicatePolicy.skip else Outcome.updates
    for result in results:
        if not isinstance(result, ParsedContact):
            yield DuplicateCheck(result, Outcome.rejected, None, None)
            continue
        key = duplicate_key(result)
        first = first_rows.setdefault(key, result.row_number)
        if first == result.row_number:
            yield DuplicateCheck(result, Outcome.new, key, None)
        else:
            yield DuplicateCheck(result, repeated, key, first)
