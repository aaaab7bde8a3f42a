"""Rows to contacts: warnings that keep the contact, rejections, time zones, and duplicates in the file."""

from __future__ import annotations

import pytest

from backend.domains.contacts.parsing import (
    ColumnMapping, DuplicatePolicy, Outcome, ParsedContact, RejectedRow, check_duplicates, open_contacts,
)
from tests.contacts.files import write_csv

HEADER = ["ID", "ФИО", "Телефон 1", "Телефон 2", "Пояс", "Долг"]
MAPPING = ColumnMapping(external_id="ID", name="ФИО", phones=["Телефон 1", "Телефон 2"], timezone="Пояс",
                        variables={"debt": "Долг"})


def results_of(tmp_path, *rows: list[str]):
    path = write_csv(tmp_path / "list.csv", [HEADER, *rows], encoding="cp1251", delimiter=";")
    with open_contacts(path, MAPPING, region="RU") as contacts:
        return list(contacts)


def test_a_clean_row(tmp_path):
    [contact] = results_of(tmp_path, ["17", "Анна", "8 916 123-45-67", "8 (495) 123-45-67", "", "1 500"])
    assert contact == ParsedContact(row_number=2, external_id="17", name="Анна",
                                    phones=["+79161234567", "+74951234567"], timezone=None,
                                    variables={"debt": "1 500"})
    assert contact.issues == ()


def test_one_bad_phone_of_two_keeps_the_contact_with_a_warning(tmp_path):
    [contact] = results_of(tmp_path, ["", "", "12345", "8 495 123 45 67", "", ""])
    assert (contact.external_id, contact.name, contact.phones) == (None, None, ["+74951234567"])
    assert contact.timezone == "Europe/Moscow"  # from the first valid number, a Moscow landline
    [warning] = contact.warnings
    assert (warning.row_number, warning.column, warning.code) == (2, "Телефон 1", "phone.not_possible")
    assert warning.message_ru == "«12345» не может быть номером телефона: слишком мало цифр"


def test_the_same_number_twice_is_kept_once(tmp_path):
    [contact] = results_of(tmp_path, ["", "", "+7 916 123-45-67", "89161234567", "", ""])
    assert contact.phones == ["+79161234567"]


def test_no_valid_phone_rejects_the_row_and_says_why_for_each(tmp_path):
    [rejected] = results_of(tmp_path, ["1", "Анна", "нет", "+7 123 456 78 90", "", ""])
    assert isinstance(rejected, RejectedRow)
    assert (rejected.row_number, rejected.column, rejected.code) == (2, "Телефон 1, Телефон 2", "phone.missing")
    assert [(issue.column, issue.code) for issue in rejected.issues] == [
        ("Телефон 1", "phone.invalid"), ("Телефон 2", "phone.invalid"), ("Телефон 1, Телефон 2", "phone.missing")]


def test_no_phone_at_all(tmp_path):
    [rejected] = results_of(tmp_path, ["1", "Анна", "", "", "", "100"])
    assert (rejected.code, rejected.details) == ("phone.missing", ())


@pytest.mark.parametrize(("given", "expected", "warned"), [
    ("Asia/Novosibirsk", "Asia/Novosibirsk", False),
    ("europe/berlin", "Europe/Berlin", False),
    ("МСК+4", "Europe/Moscow", True),  # not an IANA name: the number's zone applies
    ("", "Europe/Moscow", False),
])
def test_time_zone_given_in_the_row(tmp_path, given, expected, warned):
    [contact] = results_of(tmp_path, ["", "", "84951234567", "", given, ""])
    assert contact.timezone == expected
    assert [issue.code for issue in contact.warnings] == (["timezone.invalid"] if warned else [])


def test_a_mobile_number_leaves_the_time_zone_to_the_campaign(tmp_path):
    [contact] = results_of(tmp_path, ["", "", "89161234567", "84951234567", "", ""])
    assert contact.timezone is None


DUPLICATE_ROWS = [
    ["A", "Анна", "89161234567", "", "", "1"],
    ["", "Борис", "89161234568", "", "", "2"],
    ["A", "Анна (новый долг)", "89161234569", "", "", "3"],  # same external ID as row 2
    ["", "Борис ещё раз", "+7 916 123-45-68", "", "", "4"],  # no ID, same first phone as row 3
    ["", "Без номера", "", "", "", ""],
    ["B", "Вера", "89161234568", "", "", "5"],  # has an ID, so Boris's phone does not make it a duplicate
]


@pytest.mark.parametrize(("policy", "repeated"), [(DuplicatePolicy.skip, Outcome.skipped),
                                                  (DuplicatePolicy.update, Outcome.updates)])
def test_duplicates_within_the_file(tmp_path, policy, repeated):
    checks = list(check_duplicates(results_of(tmp_path, *DUPLICATE_ROWS), policy))
    assert [(check.row.row_number, check.outcome, check.key, check.first_row_number) for check in checks] == [
        (2, Outcome.new, "external_id:A", None),
        (3, Outcome.new, "phone:+79161234568", None),
        (4, repeated, "external_id:A", 2),
        (5, repeated, "phone:+79161234568", 3),
        (6, Outcome.rejected, None, None),
        (7, Outcome.new, "external_id:B", None),
    ]
    code = "row.duplicate_skipped" if policy is DuplicatePolicy.skip else "row.duplicate_updated"
    assert [issue.code for issue in checks[2].issues] == [code]
    assert checks[2].issues[0].message_en.startswith("Same external ID «A» as row 2")
    assert checks[3].issues[0].message_ru.startswith("Тот же номер +79161234568, что в строке 3")
    assert [issue.code for issue in checks[4].issues] == ["phone.missing"]
    assert checks[0].issues == ()


def test_fields_left_unmapped_stay_empty_however_wide_the_row(tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER, ["17", "Анна", "89161234567", "", "Asia/Omsk", "1"]])
    with open_contacts(path, ColumnMapping(phones=["Телефон 1"]), region="RU") as contacts:
        [contact] = contacts
    assert (contact.external_id, contact.name, contact.timezone, contact.variables) == (None, None, None, {})
