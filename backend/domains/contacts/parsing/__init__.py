"""Contact files (CSV, XLSX) read as a stream and normalised into contacts for broadcast campaigns.

No database and no HTTP here: the upload API and the import jobs call this. See docs/contact-files.md.

    from backend.domains.contacts.parsing import ColumnMapping, open_contacts, preview

    shown = preview(path)                         # format, encoding, delimiter, sheets, header, rows
    mapping = ColumnMapping(name="ФИО", phones=["Телефон", 3], variables={"debt": "Долг"})
    with open_contacts(path, mapping, region="RU") as contacts:
        for result in contacts:                   # ParsedContact | RejectedRow, one per data row
            ...
"""

from backend.domains.contacts.parsing.contacts import ContactReader, open_contacts
from backend.domains.contacts.parsing.duplicates import (
    DuplicateCheck, DuplicatePolicy, Outcome, check_duplicates, duplicate_key, key_words,
)
from backend.domains.contacts.parsing.issues import MESSAGES, ContactFileError, RowIssue
from backend.domains.contacts.parsing.mapping import ColumnMapping
from backend.domains.contacts.parsing.phones import Phone, PhoneNormaliser, PhoneProblem
from backend.domains.contacts.parsing.preview import Preview, preview
from backend.domains.contacts.parsing.report import ErrorReportWriter
from backend.domains.contacts.parsing.results import ParsedContact, RejectedRow, RowResult
from backend.domains.contacts.parsing.source import FileFormat, Source
from backend.domains.contacts.parsing.table import FileLayout

__all__ = [
    "MESSAGES", "ColumnMapping", "ContactFileError", "ContactReader", "DuplicateCheck", "DuplicatePolicy",
    "ErrorReportWriter", "FileFormat", "FileLayout", "Outcome", "ParsedContact", "Phone", "PhoneNormaliser",
    "PhoneProblem", "Preview", "RejectedRow", "RowIssue", "RowResult", "Source", "check_duplicates",
    "duplicate_key", "key_words", "open_contacts", "preview",
]
