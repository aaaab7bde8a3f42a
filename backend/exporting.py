"""Tables people download: CSV (UTF-8 with BOM and ';', what Excel in a Russian locale opens with a double
click) or XLSX (openpyxl write-only, constant memory). Rows arrive in batches from the database and are
written in a worker thread, so a million-row export neither fills memory nor stalls the server."""

from __future__ import annotations

import asyncio
import csv
import os
import tempfile
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any, Literal

from litestar.background_tasks import BackgroundTask
from litestar.response import File
from openpyxl import Workbook

from backend.cells import inert

ExportFormat = Literal["csv", "xlsx"]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
class TableWriter:
    """One sheet (XLSX) or one file (CSV) written row by row."""

    def __init__(self, path: Path, fmt: ExportFormat, header: Sequence[str], sheet_title: str = "Data") -> None:
        self.path, self.fmt = path, fmt
        if fmt == "csv":
            self._file = open(path, "w", encoding="utf-8-sig", newline="")
            self._csv = csv.writer(self._file, delimiter=";")
            self._csv.writerow(header)
        else:
            self.workbook = Workbook(write_only=True)
            self.sheet = self.workbook.create_sheet(sheet_title)
            self.sheet.append(list(header))

    def add(self, rows: list[Sequence[Any]]) -> None:
        if self.fmt == "csv":
            self._csv.writerows([[inert("" if v is None else v) for v in row] for row in rows])
        else:
            for row in rows:
                self.sheet.append([inert(v, workbook=True) for v in row])

    def close(self) -> None:
        if self.fmt == "csv":
            self._file.close()
        else:
            self.workbook.save(self.path)


async def write_table(fmt: ExportFormat, header: Sequence[str],
                      batches: AsyncIterator[list[Sequence[Any]]], sheet_title: str = "Data") -> Path:
    """A temporary file holding the table; the caller sends it (see ``download``), which deletes it."""
    handle, name = tempfile.mkstemp(prefix="voxflow-export-", suffix=f".{fmt}")
    os.close(handle)
    path = Path(name)
    try:
        writer = await asyncio.to_thread(TableWriter, path, fmt, header, sheet_title)
        async for rows in batches:
            await asyncio.to_thread(writer.add, rows)
        await asyncio.to_thread(writer.close)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def download(path: Path, fmt: ExportFormat, filename: str) -> File:
    """The file as an attachment, deleted once sent."""
    return File(path, filename=f"{filename}.{fmt}", media_type=MEDIA_TYPES[fmt],
                background=BackgroundTask(path.unlink, missing_ok=True))
