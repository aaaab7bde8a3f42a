"""Builders of real contact files for the tests: CSV bytes in a chosen encoding, XLSX written by openpyxl
and, where openpyxl cannot write what Excel writes, its sheet XML edited inside the zip."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> Path:
    """One sheet per entry, rows appended as given (an empty list is an empty row); ``merged`` maps a
    sheet to the cell ranges to merge."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
    workbook.save(path)
    return path


def edit_sheet_xml(path: Path, sheet_number: int, replacements: dict[str, str]) -> None:
    """Rewrites xl/worksheets/sheet<N>.xml, each replacement expected exactly once."""
    member = f"xl/worksheets/sheet{sheet_number}.xml"
    with zipfile.ZipFile(path) as source:
        members = {info: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members.items():
            if info.filename == member:
                xml = data.decode()
                # An empty element reads "<v />" or "<v></v>" depending on whether openpyxl writes with lxml.
                xml = xml.replace("<v></v>", "<v />")
                for old, new in replacements.items():
                    assert xml.count(old) == 1, (old, xml)
                    xml = xml.replace(old, new)
                data = xml.encode()
            target.writestr(info, data)
