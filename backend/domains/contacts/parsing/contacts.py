"""Data rows to contacts: the mapping applied, phones normalised, the time zone settled."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import available_timezones

from backend.domains.contacts.parsing.issues import RowIssue, quoted
from backend.domains.contacts.parsing.mapping import ColumnMapping, ResolvedColumns
from backend.domains.contacts.parsing.phones import Phone, PhoneNormaliser, PhoneProblem
from backend.domains.contacts.parsing.results import ParsedContact, RejectedRow, RowResult
from backend.domains.contacts.parsing.source import Source
from backend.domains.contacts.parsing.table import FileLayout, open_table

_TIMEZONES = {name.casefold(): name for name in available_timezones()}


@dataclass
class ContactReader:
    """The contacts of an open file, one result per non-empty data row, in file order."""

    layout: FileLayout
    header: list[str]
    _results: Iterator[RowResult]

    def __iter__(self) -> Iterator[RowResult]:
        return self._results


@contextmanager
def open_contacts(source: Source, mapping: ColumnMapping, *, region: str,
                  sheet: str | None = None) -> Iterator[ContactReader]:
    """Opens the file and checks the mapping against its header at once (``ContactFileError``), then
    streams: memory stays flat whatever the file's size. ``region`` is the default phone region (the
    tenant's, e.g. "RU") for numbers written without a country code. A damaged file can still raise
    ``ContactFileError`` halfway through, at the row where it breaks."""
    with open_table(source, sheet) as table:
        header, rows = table.split_header(mapping.has_header)
        normalise = RowNormaliser(mapping.resolve(header), region)
        yield ContactReader(table.layout, header, (normalise(number, cells) for number, cells in rows))


class RowNormaliser:
    def __init__(self, columns: ResolvedColumns, region: str) -> None:
        self._columns = columns
        self._phones = PhoneNormaliser(region)
        self._phone_column_names = ", ".join(columns.label(position) for position in columns.phones)
        # Rows shorter than the widest mapped column are padded, so that each field is one plain index.
        self._width = 1 + max(position for position in (*columns.phones, *(p for _, p in columns.variables),
                                                          columns.external_id, columns.name, columns.timezone)
                              if position is not None)

    def __call__(self, row_number: int, cells: list[str]) -> RowResult:
        if len(cells) < self._width:
            cells = cells + [""] * (self._width - len(cells))
        columns = self._columns
        phones: list[Phone] = []
        warnings: list[RowIssue] = []
        for position in columns.phones:
            raw = cells[position]
            if not raw:
                continue
            phone = self._phones.normalise(raw)
            if isinstance(phone, PhoneProblem):
                warnings.append(RowIssue.of(phone.code, row_number, columns.label(position), value=quoted(raw),
                                            reason=phone.reason))
            elif phone not in phones:  # the same number twice is dialled once
                phones.append(phone)
        if not phones:
            missing = RowIssue.of("phone.missing", row_number, self._phone_column_names)
            return RejectedRow.because(missing, tuple(warnings))
        return ParsedContact(
            row_number=row_number,
            external_id=None if columns.external_id is None else cells[columns.external_id] or None,
            name=None if columns.name is None else cells[columns.name] or None,
            phones=[phone.e164 for phone in phones],
            timezone=self._timezone(row_number, "" if columns.timezone is None else cells[columns.timezone],
                                    phones[0].timezone, warnings),
            variables={variable: cells[position] for variable, position in columns.variables},
            warnings=tuple(warnings),
        )

    def _timezone(self, row_number: int, given: str, phone_timezone: str | None,
                  warnings: list[RowIssue]) -> str | None:
        """The row's own time zone if it names a real one, else its first number's if unambiguous."""
        if given:
            zone = _TIMEZONES.get(given.casefold())
            if zone is not None:
                return zone
            warnings.append(RowIssue.of("timezone.invalid", row_number, self._columns.label(self._columns.timezone),
                                        value=quoted(given)))
        return phone_timezone
