"""The error report users download after an import: one line per problem of a rejected or warned row.

UTF-8 with a BOM and ';' between columns, which is what Excel in a Russian locale opens correctly with a
double click (without the BOM it reads cp1251; with ',' it shows everything in one column).
"""

from __future__ import annotations

import csv
import os
from types import TracebackType
from typing import Protocol

from backend.cells import inert
from backend.domains.contacts.parsing.issues import RowIssue

REPORT_COLUMNS = ("row", "column", "code", "message (ru)", "message (en)")
REPORT_DELIMITER = ";"


class HasIssues(Protocol):
    @property
    def issues(self) -> tuple[RowIssue, ...]: ...


class ErrorReportWriter:
    """Writes as rows arrive, so a million-row import never holds its problems in memory::

        with ErrorReportWriter(path) as report:
            for result in reader:
                report.add(result)
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._file = open(path, "w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._file, delimiter=REPORT_DELIMITER)
        self._writer.writerow(REPORT_COLUMNS)
        self.lines = 0

    def add(self, result: HasIssues) -> None:
        """The lines of a contact, rejected row or duplicate check; nothing for a row without problems."""
        for issue in result.issues:
            # User text (a header, a cell's value quoted in a message) must not run when the report opens.
            self._writer.writerow((issue.row_number, inert(issue.column), issue.code, inert(issue.message_ru),
                                   inert(issue.message_en)))
            self.lines += 1

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ErrorReportWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

