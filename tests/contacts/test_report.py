"""The error report: what Excel needs to open it, what it holds, and the documented list of codes."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from backend.domains.contacts.parsing import (
    MESSAGES, ColumnMapping, DuplicatePolicy, ErrorReportWriter, check_duplicates, open_contacts, preview,
)
from tests.contacts.files import write_csv

DOCS = Path(__file__).resolve().parents[2] / "docs" / "contact-files.md"


def test_report_round_trips(tmp_path):
    path = write_csv(tmp_path / "list.csv", [
        ["ФИО", "=Телефон", "Пояс"],
        ["Анна", "89161234567", "Луна/Море"],
        ["Борис", "=1+2", ""],
        ["Анна", "8 916 123-45-67", ""],
        ["Вера", "84951234567", ""],
    ], encoding="cp1251", delimiter=";")
    report_path = tmp_path / "errors.csv"
    mapping = ColumnMapping(name="ФИО", phones=["=Телефон"], timezone="Пояс")
    with open_contacts(path, mapping, region="RU") as contacts, ErrorReportWriter(report_path) as report:
        checks = list(check_duplicates(contacts, DuplicatePolicy.skip))
        for check in checks:
            report.add(check)

    issues = [issue for check in checks for issue in check.issues]
    assert [(issue.row_number, issue.code) for issue in issues] == [
        (2, "timezone.invalid"), (3, "phone.invalid"), (3, "phone.missing"), (4, "row.duplicate_skipped")]
    assert report.lines == len(issues)
    assert report_path.read_bytes().startswith(codecs.BOM_UTF8)
    with open(report_path, encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file, delimiter=";"))
    assert lines[0] == ["row", "column", "code", "message (ru)", "message (en)"]
    # Text that Excel would run as a formula (a header, a cell quoted in a message) is made inert.
    assert lines[1:] == [[str(issue.row_number), issue.column.replace("=", "'=", 1) if issue.column.startswith("=")
                          else issue.column, issue.code, issue.message_ru, issue.message_en] for issue in issues]
    assert lines[2][1] == "'=Телефон"
    assert lines[2][3] == "«=1+2» — неправильный номер телефона"

    shown = preview(report_path)  # and it is a contact-style file this library reads back
    assert (shown.encoding, shown.delimiter, len(shown.rows)) == ("utf-8-sig", ";", len(issues))


def test_a_report_without_problems_has_its_header_only(tmp_path):
    with ErrorReportWriter(tmp_path / "errors.csv") as report:
        pass
    assert report.lines == 0
    assert (tmp_path / "errors.csv").read_bytes() == codecs.BOM_UTF8 + b"row;column;code;message (ru);message (en)\r\n"


def test_every_code_is_documented():
    documented = DOCS.read_text(encoding="utf-8")
    assert [code for code in MESSAGES if f"`{code}`" not in documented] == []
