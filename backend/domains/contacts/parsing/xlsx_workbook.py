"""XLSX: sheets streamed with openpyxl's read-only mode, cell values turned into the text a person expects.

Formulas give the value Excel cached when it last saved the file (openpyxl computes nothing, so a formula
that was never calculated, e.g. in a generated file, reads as empty).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime, time, timedelta
from typing import BinaryIO

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from backend.domains.contacts.parsing.issues import ContactFileError

# What a damaged or truncated workbook raises from zipfile, zlib and the XML parsers (ParseError is a
# SyntaxError), on opening or halfway through a sheet; zipfile raises NotImplementedError for compression
# methods it lacks and RuntimeError for encrypted members.
_BROKEN_WORKBOOK = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, SyntaxError, OSError,
                    NotImplementedError, RuntimeError, InvalidFileException)
# Integers below 2**53 are exact in a double, so such a float is the integer the user typed.
_EXACT_INTEGER_LIMIT = 2 ** 53


@contextmanager
def open_workbook(file: BinaryIO) -> Iterator[Workbook]:
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True, keep_links=False)
    except _BROKEN_WORKBOOK:
        raise ContactFileError("file.corrupt") from None
    try:
        yield workbook
    finally:
        workbook.close()


def choose_sheet(workbook: Workbook, name: str | None) -> ReadOnlyWorksheet:
    """The sheet asked for, else the first that has a non-empty cell."""
    if name is not None:
        if name not in workbook.sheetnames:
            raise ContactFileError("file.sheet_not_found", sheet=name, sheets=", ".join(workbook.sheetnames))
        return workbook[name]
    for sheet in workbook.worksheets:
        with closing(sheet_rows(sheet)) as rows:  # stops reading the sheet at its first non-empty row
            if any(any(cells) for _, cells in rows):
                return sheet
    raise ContactFileError("file.empty")


def sheet_rows(sheet: ReadOnlyWorksheet) -> Iterator[tuple[int, list[str]]]:
    """Every row with its sheet row number and its cells as trimmed text (rows absent from the file come
    as empty lists)."""
    # The stored dimension is often wrong in files other programs write and would cut rows short.
    sheet.reset_dimensions()
    try:
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            yield row_number, [cell_text(value) for value in values]
    except _BROKEN_WORKBOOK:
        raise ContactFileError("file.corrupt") from None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):  # before int: bool is an int
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):  # a duration format such as [h]:mm:ss
        minutes, seconds = divmod(round(value.total_seconds()), 60)
        return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    return str(value)


def number_text(value: float) -> str:
    """79161234567.0 and 7.9E+10 as the digits 79161234567 and 79000000000; other numbers with at most the
    15 significant digits Excel itself keeps, which also hides binary noise (0.1 + 0.2 → 0.3)."""
    if value.is_integer() and abs(value) < _EXACT_INTEGER_LIMIT:
        return str(int(value))
    return f"{value:.15g}"
