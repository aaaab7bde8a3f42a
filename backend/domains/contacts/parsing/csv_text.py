"""CSV: encoding and delimiter detection from a sample, then rows streamed straight from the file.

Russian Excel saves «CSV (разделители — запятые)» in Windows-1251 with ';', «CSV UTF-8» in UTF-8 with a
BOM, and «Текст Юникод» in UTF-16 with tabs; other systems mostly send UTF-8 with ','.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from backend.domains.contacts.parsing.issues import ContactFileError

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (";", ",", "\t")  # in order of preference when the sample fits several equally well
SAMPLE_RECORDS = 50
# Bytes below 0x20 that text files do contain: tab, line feed, vertical tab, form feed, carriage return,
# and the ^Z that old DOS tools append.
_TEXT_CONTROL_BYTES = frozenset(b"\t\n\x0b\x0c\r\x1a")
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.01
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def detect_encoding(file: BinaryIO) -> str:
    """utf-8-sig or utf-16 by their BOM; otherwise utf-8 when the first non-ASCII bytes decode as strict
    UTF-8, else cp1251 (which decodes nearly any byte, so it is only ever the fallback)."""
    sample = file.read(SAMPLE_BYTES)
    file.seek(0)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample or sum(sample.count(b) for b in _CONTROL_BYTES) > len(sample) * _MAX_CONTROL_SHARE:
        raise ContactFileError("file.not_text")
    # An all-ASCII start says nothing (a list sorted by phone may reach its Cyrillic names late), so the
    # decision is taken on the first non-ASCII bytes wherever they are.
    window = sample if not sample.isascii() else _first_non_ascii_window(file)
    file.seek(0)
    if window is None:
        return "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(window, final=False)  # a character cut at the end is fine
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def _first_non_ascii_window(file: BinaryIO) -> bytes | None:
    file.seek(0)
    while chunk := file.read(SAMPLE_BYTES):
        if not chunk.isascii():
            start = _NON_ASCII.search(chunk).start()  # a UTF-8 lead byte, if the file is UTF-8
            return chunk[start:] + file.read(start)
    return None


def detect_delimiter(file: BinaryIO, encoding: str) -> str:
    """The candidate that splits the first records into the same number of columns most consistently,
    then into the most columns (a decimal comma splits data rows but not the header, so the real ';'
    wins); ';' when nothing splits (a single column)."""
    sample = file.read(SAMPLE_BYTES)
    whole_file = len(sample) < SAMPLE_BYTES
    file.seek(0)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=whole_file)
    scores = {}
    for delimiter in DELIMITERS:
        records = [record for record in csv.reader(io.StringIO(text), delimiter=delimiter) if any(record)]
        records = records[:SAMPLE_RECORDS] if whole_file else records[:-1][:SAMPLE_RECORDS]  # the last may be cut
        if not records:
            continue
        width, count = Counter(len(record) for record in records).most_common(1)[0]
        if width > 1:
            scores[delimiter] = (count / len(records), width)
    return max(scores, key=scores.__getitem__) if scores else DELIMITERS[0]  # max keeps the first of equals


def csv_rows(file: BinaryIO, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Every record with its number as a spreadsheet shows it (a quoted value spanning lines is one row)
    and its cells trimmed."""
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    row_number = 0
    try:
        try:
            for row_number, record in enumerate(csv.reader(text, delimiter=delimiter), 1):
                yield row_number, [cell.strip() for cell in record]
        finally:
            text.detach()  # the binary file stays open for whoever opened it
    except UnicodeDecodeError:
        raise ContactFileError("file.encoding", row=_undecodable_row(file, encoding, delimiter),
                               encoding=encoding) from None
    except csv.Error:
        raise ContactFileError("file.bad_csv", row=row_number + 1) from None


def _undecodable_row(file: BinaryIO, encoding: str, delimiter: str) -> int:
    """The row holding the first undecodable bytes. The streaming decoder reads ahead of the rows it
    hands out, so this reads again, decoding line by line (only on this error path)."""
    file.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    row_number = 0
    try:
        for row_number, _ in enumerate(csv.reader((decoder.decode(line) for line in file), delimiter=delimiter), 1):
            pass
    except UnicodeDecodeError:
        pass
    return row_number + 1
