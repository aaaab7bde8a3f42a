"""Text written into spreadsheets people open (exports, error reports) must not run as a formula."""

from __future__ import annotations

import re
from typing import Any

# A cell starting with one of these is a formula to Excel opening a CSV; in a workbook only "=" makes one
# (openpyxl writes other text as text).
_CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PHONES = re.compile(r"\+[0-9]{6,15}(, \+[0-9]{6,15})*")


def inert(value: Any, *, workbook: bool = False) -> Any:
    """User text that a spreadsheet would run as a formula, made plain text ("=1+1" → "'=1+1"). Phone
    numbers in E.164 ("+7916…", or a list of them) are data and left alone."""
    if not isinstance(value, str) or not value.startswith("=" if workbook else _CSV_FORMULA_STARTS):
        return value
    return value if _PHONES.fullmatch(value) else "'" + value
