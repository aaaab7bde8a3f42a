"""A contact file as one kind of table whatever its format: the header and then the non-empty rows, each
with the row number the user sees in their spreadsheet, its cells as trimmed text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import chain

from backend.domains.contacts.parsing.csv_text import csv_rows, detect_delimiter, detect_encoding
from backend.domains.contacts.parsing.issues import ContactFileError
from backend.domains.contacts.parsing.source import FileFormat, Source, binary_file, sniff_format
from backend.domains.contacts.parsing.xlsx_workbook import choose_sheet, open_workbook, sheet_rows

Row = tuple[int, list[str]]


@dataclass(frozen=True)
class FileLayout:
    """How the file was read."""

    format: FileFormat
    encoding: str | None  # CSV only: the Python codec name (utf-8, utf-8-sig, utf-16, cp1251)
    delimiter: str | None  # CSV only
    sheets: list[str]  # XLSX only: every sheet, in workbook order
    sheet: str | None  # XLSX only: the one being read


@dataclass
class Table:
    layout: FileLayout
    rows: Iterator[Row]  # the non-empty rows, header included

    def split_header(self, has_header: bool) -> tuple[list[str], Iterator[Row]]:
        """The column names and the data rows. Without a header the columns are named by position."""
        first = next(self.rows, None)
        if first is None:
            raise ContactFileError("file.empty")
        if has_header:
            return column_names(first[1]), self.rows
        return column_names([""] * len(first[1])), chain([first], self.rows)


@contextmanager
def open_table(source: Source, sheet: str | None = None) -> Iterator[Table]:
    """The file's table; ``sheet`` picks a workbook's sheet (default: the first non-empty one)."""
    with binary_file(source) as file, ExitStack() as workbook_closer:
        if sniff_format(file) is FileFormat.xlsx:
            workbook = workbook_closer.enter_context(open_workbook(file))
            chosen = choose_sheet(workbook, sheet)
            layout = FileLayout(FileFormat.xlsx, None, None, list(workbook.sheetnames), chosen.title)
            rows = sheet_rows(chosen)
        else:
            encoding = detect_encoding(file)
            delimiter = detect_delimiter(file, encoding)
            layout = FileLayout(FileFormat.csv, encoding, delimiter, [], None)
            rows = csv_rows(file, encoding, delimiter)
        try:
            yield Table(layout, _non_empty(rows))
        finally:
            rows.close()  # lets go of the file (see csv_rows) before it is closed


def _non_empty(rows: Iterator[Row]) -> Iterator[Row]:
    return (row for row in rows if any(row[1]))


def column_label(position: int) -> str:
    """The name of a column that has none in the header (1-based, as a person counts)."""
    return f"Column {position + 1}"


def column_names(header: list[str]) -> list[str]:
    """Header cells as unique names: blanks (including the cells a merged header cell covers, which read as
    empty) become "Column N", and a repeated name gets " (2)", " (3)"… so every column can be named."""
    names: list[str] = []
    taken: set[str] = set()
    for position, cell in enumerate(header):
        base = cell or column_label(position)
        name, copy = base, 1
        while name in taken:
            copy += 1
            name = f"{base} ({copy})"
        names.append(name)
        taken.add(name)
    return names
