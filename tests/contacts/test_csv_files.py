"""CSV contact files: encodings, delimiters, quoting, streaming, and files that are not CSV at all."""

from __future__ import annotations

import codecs
import io

import pytest

from backend.domains.contacts.parsing import ColumnMapping, ContactFileError, FileFormat, open_contacts, preview
from tests.contacts.files import write_csv

MAPPING = ColumnMapping(name="ФИО", phones=["Телефон"], variables={"note": "Комментарий"})


def read(path, mapping=MAPPING):
    with open_contacts(path, mapping, region="RU") as contacts:
        return list(contacts)


def test_cp1251_with_semicolons_and_a_quoted_value_holding_a_semicolon_and_a_newline(tmp_path):
    path = write_csv(tmp_path / "абоненты.csv", [
        ["ФИО", "Телефон", "Комментарий"],
        ["Иванов Иван Иванович", "8 916 123-45-67", "звонить; после 18:00\nне раньше"],
        ["Щукина Ёлка", "+7 (495) 123-45-67", "1500,50"],
    ], encoding="cp1251", delimiter=";")

    shown = preview(path)
    assert (shown.format, shown.encoding, shown.delimiter, shown.sheets) == (FileFormat.csv, "cp1251", ";", [])
    assert shown.header == ["ФИО", "Телефон", "Комментарий"]
    assert shown.rows[0] == ["Иванов Иван Иванович", "8 916 123-45-67", "звонить; после 18:00\nне раньше"]

    first, second = read(path)
    assert (first.row_number, first.name, first.phones) == (2, "Иванов Иван Иванович", ["+79161234567"])
    assert first.variables == {"note": "звонить; после 18:00\nне раньше"}
    # The quoted value spans two lines but is one spreadsheet row, so the next record is row 3.
    assert (second.row_number, second.name, second.phones) == (3, "Щукина Ёлка", ["+74951234567"])
    assert second.variables == {"note": "1500,50"}  # a decimal comma did not make ',' the delimiter


def test_utf8_with_bom_and_commas(tmp_path):
    path = write_csv(tmp_path / "contacts.csv", [["ФИО", "Телефон", "Комментарий"], ["Анна", "79161234567", "ok"]],
                     encoding="utf-8-sig", delimiter=",")
    shown = preview(path)
    assert (shown.encoding, shown.delimiter) == ("utf-8-sig", ",")
    assert shown.header[0] == "ФИО"  # the BOM is not part of the first column's name
    assert read(path)[0].phones == ["+79161234567"]


def test_tab_separated(tmp_path):
    path = write_csv(tmp_path / "contacts.txt", [["ФИО", "Телефон", "Комментарий"], ["Анна", "9161234567", "a, b; c"]],
                     delimiter="\t")
    shown = preview(path)
    assert (shown.encoding, shown.delimiter) == ("utf-8", "\t")
    assert shown.rows == [["Анна", "9161234567", "a, b; c"]]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    path = write_csv(tmp_path / "contacts.txt", [["ФИО", "Телефон"], ["Анна", "89161234567"]], encoding="utf-16",
                     delimiter="\t")
    shown = preview(path)
    assert (shown.encoding, shown.delimiter, shown.header) == ("utf-16", "\t", ["ФИО", "Телефон"])


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_encoding_is_decided_where_the_first_non_ascii_text_is_even_far_into_the_file(tmp_path, encoding):
    rows = [["Name", "Phone"]] + [["Ivanov", f"7916{n:07d}"] for n in range(4000)] + [["Яковлев", "79161234567"]]
    path = write_csv(tmp_path / "late.csv", rows, encoding=encoding, delimiter=";")
    assert path.stat().st_size > 64 * 1024
    with open_contacts(path, ColumnMapping(name="Name", phones=["Phone"]), region="RU") as contacts:
        assert contacts.layout.encoding == encoding
        assert list(contacts)[-1].name == "Яковлев"


def test_ignores_blank_lines_but_counts_them_in_row_numbers(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("ФИО;Телефон\r\n\r\n;;\r\nАнна;89161234567\r\n", encoding="utf-8")
    assert [contact.row_number for contact in read(path, ColumnMapping(name="ФИО", phones=["Телефон"]))] == [4]


def test_reads_an_open_file_object_and_leaves_it_open():
    upload = io.BytesIO("ФИО;Телефон\nАнна;89161234567\n".encode("cp1251"))
    upload.seek(5)  # wherever the caller left it, the file is read from its start
    with open_contacts(upload, ColumnMapping(phones=["Телефон"]), region="RU") as contacts:
        assert [contact.phones for contact in contacts] == [["+79161234567"]]
    assert not upload.closed


def test_streams_instead_of_reading_the_whole_file():
    rows = "".join(f"Абонент {n};8916{n:07d}\n" for n in range(100_000))
    upload = io.BytesIO(("ФИО;Телефон\n" + rows).encode("cp1251"))
    with open_contacts(upload, ColumnMapping(phones=["Телефон"]), region="RU") as contacts:
        next(iter(contacts))
        assert upload.tell() < 200_000 < len(upload.getvalue())


@pytest.mark.parametrize(("content", "code"), [
    (b"", "file.empty"),
    (b"\r\n \r\n;;;\r\n", "file.empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "file.not_text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "file.unsupported"),  # Excel 97-2003 .xls
    (codecs.BOM_UTF8 + b"<html><body><table><tr><td>1</td></tr></table></body></html>", "file.unsupported"),
])
def test_files_that_are_not_contact_lists(tmp_path, content, code):
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    with pytest.raises(ContactFileError) as raised:
        preview(path)
    assert raised.value.code == code
    assert raised.value.message_en and raised.value.message_ru


def test_an_unclosed_quote_is_reported_with_its_row(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("ФИО;Телефон\nАнна;89161234567\n\"Борис;89161234568\n" + "x;y\n" * 40_000, encoding="utf-8")
    with open_contacts(path, ColumnMapping(phones=["Телефон"]), region="RU") as contacts, \
            pytest.raises(ContactFileError) as raised:
        list(contacts)
    assert (raised.value.code, raised.value.message_en.split(":")[0]) == ("file.bad_csv", "Row 3")


def test_text_that_changes_encoding_halfway_is_reported_with_its_row(tmp_path):
    path = tmp_path / "mixed.csv"
    head = "ФИО;Телефон\n" + "Анна;89161234567\n" * 4000
    path.write_bytes(head.encode("utf-8") + "Борис;89161234568\n".encode("cp1251"))
    with open_contacts(path, ColumnMapping(phones=["Телефон"]), region="RU") as contacts, \
            pytest.raises(ContactFileError) as raised:
        list(contacts)
    assert (raised.value.code, raised.value.message_en.split(":")[0]) == ("file.encoding", "Row 4002")
    assert "utf-8" in raised.value.message_en
