"""Opening an uploaded contact file and telling its format by its content, never by its name."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import BinaryIO

from backend.domains.contacts.parsing.issues import ContactFileError

Source = str | os.PathLike[str] | BinaryIO

ZIP_MAGIC = b"PK\x03\x04"
# The OLE2 container: Excel 97-2003 (.xls) and also every password-protected .xlsx.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Markup that accounting systems (1C among them) save under an .xls name: a web page or SpreadsheetML.
_MARKUP_HEAD = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:\?xml|!doctype|html|table)", re.IGNORECASE)
_HEAD_BYTES = 512


class FileFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@contextmanager
def binary_file(source: Source) -> Iterator[BinaryIO]:
    """A path is opened and closed here; a file object is the caller's to close. Either way it must be
    seekable: detection reads a sample and starts again, and a workbook is a zip read from its end."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            yield file
        return
    if not source.seekable():
        raise ValueError("contact files are read from seekable binary file objects (spool uploads to disk first)")
    source.seek(0)
    yield source


def sniff_format(file: BinaryIO) -> FileFormat:
    """A zip is taken for a workbook (``file.corrupt`` if it is not one); anything else for text."""
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    if not head:
        raise ContactFileError("file.empty")
    if head.startswith(ZIP_MAGIC):
        return FileFormat.xlsx
    if head.startswith(OLE2_MAGIC) or _MARKUP_HEAD.match(head):
        raise ContactFileError("file.unsupported")
    return FileFormat.csv
