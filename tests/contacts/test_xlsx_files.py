"""XLSX contact files: what Excel stores (floats, dates, cached formula values, merged and empty cells),
sheet choice, and damaged workbooks."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest

from backend.domains.contacts.parsing import ColumnMapping, ContactFileError, FileFormat, open_contacts, preview
from tests.contacts.files import edit_sheet_xml, write_xlsx

HEADER = ["ФИО", "Телефоны", None, "Долг", "Срок", "Звонок", "Итого"]


@pytest.fixture
def workbook(tmp_path):
    """An instructions sheet, then the list: phones under a header merged over two columns, an empty row,
    and the numbers the way Excel writes them (openpyxl writes integral floats as integers, so the XML is
    edited: 79161234567.0, 7.9E+10, and a formula with the value Excel cached)."""
    path = write_xlsx(tmp_path / "абоненты.xlsx", {
        "Инструкция": [["Заполните лист «Абоненты»"]],
        "Абоненты": [
            HEADER,
            ["Иванов Иван", 79161234567, 79000000000, 1500.5, date(2024, 5, 1), datetime(2024, 5, 1, 14, 30), "=D2*2"],
            [],
            ["  Петрова Анна  ", "8 (495) 123-45-67", None, 100, datetime(2024, 6, 1), None, "=D4*2"],
        ],
    }, merged={"Абоненты": ["B1:C1"]})
    edit_sheet_xml(path, 2, {
        "<v>79161234567</v>": "<v>79161234567.0</v>",
        "<v>79000000000</v>": "<v>7.9E+10</v>",
        "<f>D2*2</f><v />": "<f>D2*2</f><v>3001</v>",
    })
    return path


def test_preview_of_the_chosen_second_sheet(workbook):
    shown = preview(workbook, sheet="Абоненты")
    assert (shown.format, shown.encoding, shown.delimiter) == (FileFormat.xlsx, None, None)
    assert (shown.sheets, shown.sheet) == (["Инструкция", "Абоненты"], "Абоненты")
    # The cell the merged header covers reads as empty and is named by position.
    assert shown.header == ["ФИО", "Телефоны", "Column 3", "Долг", "Срок", "Звонок", "Итого"]
    assert shown.rows == [
        ["Иванов Иван", "79161234567", "79000000000", "1500.5", "2024-05-01", "2024-05-01T14:30:00", "3001"],
        # A formula never calculated (no cached value) reads as empty.
        ["Петрова Анна", "8 (495) 123-45-67", "", "100", "2024-06-01", "", ""],
    ]


def test_contacts_from_excel_values(workbook):
    mapping = ColumnMapping(name="ФИО", phones=["Телефоны", 2],
                            variables={"debt": "Долг", "due_date": "Срок", "total": "Итого"})
    with open_contacts(workbook, mapping, region="RU", sheet="Абоненты") as contacts:
        assert contacts.layout.sheet == "Абоненты"
        first, second = contacts
    assert (first.row_number, first.name, first.phones) == (2, "Иванов Иван", ["+79161234567", "+79000000000"])
    assert first.variables == {"debt": "1500.5", "due_date": "2024-05-01", "total": "3001"}
    assert (second.row_number, second.name, second.phones) == (4, "Петрова Анна", ["+74951234567"])
    assert second.timezone == "Europe/Moscow"


def test_default_sheet_is_the_first_with_data(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", {"Лист1": [[], [None, "  "]], "Лист2": [["Телефон"], ["89161234567"]]})
    assert preview(path).sheet == "Лист2"


def test_workbook_read_from_a_file_object(workbook):
    upload = io.BytesIO(workbook.read_bytes())
    assert preview(upload, sheet="Абоненты").rows[0][1] == "79161234567"
    assert not upload.closed


def test_unknown_sheet(workbook):
    with pytest.raises(ContactFileError) as raised:
        preview(workbook, sheet="Лист3")
    assert raised.value.code == "file.sheet_not_found"
    assert "Инструкция, Абоненты" in raised.value.message_ru


def test_workbook_without_data(tmp_path):
    with pytest.raises(ContactFileError) as raised:
        preview(write_xlsx(tmp_path / "empty.xlsx", {"Лист1": []}))
    assert raised.value.code == "file.empty"


def test_truncated_workbook(workbook):
    content = workbook.read_bytes()
    workbook.write_bytes(content[:len(content) // 2])
    with pytest.raises(ContactFileError) as raised:
        preview(workbook)
    assert raised.value.code == "file.corrupt"


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "contacts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("contacts.csv", "Телефон\n89161234567\n")
    with pytest.raises(ContactFileError) as raised:
        preview(path)
    assert raised.value.code == "file.corrupt"


def test_damage_halfway_through_a_sheet_stops_at_that_row(tmp_path):
    path = write_xlsx(tmp_path / "long.xlsx", {"Лист1": [["Телефон"]] + [[f"8916{n:07d}"] for n in range(100)]})
    edit_sheet_xml(path, 1, {'<row r="60">': '<row r="60"><<'})
    rows = []
    with open_contacts(path, ColumnMapping(phones=[0]), region="RU") as contacts, \
            pytest.raises(ContactFileError) as raised:
        for contact in contacts:
            rows.append(contact.row_number)
    assert raised.value.code == "file.corrupt"
    assert rows[0] == 2 and rows[-1] < 60
