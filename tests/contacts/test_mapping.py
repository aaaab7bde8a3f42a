"""Column mappings: validation that names the field, and columns by header name or position."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend.domains.contacts.parsing import ColumnMapping, ContactFileError, open_contacts
from tests.contacts.files import write_csv

ROWS = [["ID", "ФИО", "Телефон", "Доп. телефон", "Долг"], ["A-1", "Анна", "89161234567", "84951234567", "10"]]


def contacts_of(path, mapping):
    with open_contacts(path, mapping, region="RU") as contacts:
        return list(contacts)


@pytest.fixture
def path(tmp_path):
    return write_csv(tmp_path / "list.csv", ROWS, delimiter=";")


def test_by_name_by_position_and_by_name_in_another_case_read_the_same(path):
    by_name = ColumnMapping(external_id="ID", name="ФИО", phones=["Телефон", "Доп. телефон"],
                            variables={"debt": "Долг"})
    by_position = ColumnMapping(external_id=0, name=1, phones=[2, 3], variables={"debt": 4})
    by_other_case = ColumnMapping(external_id="id", name="фио", phones=["ТЕЛЕФОН", 3], variables={"debt": "долг"})
    results = [contacts_of(path, mapping) for mapping in (by_name, by_position, by_other_case)]
    assert results[0] == results[1] == results[2]
    contact = results[0][0]
    assert (contact.external_id, contact.name, contact.phones, contact.variables) == (
        "A-1", "Анна", ["+79161234567", "+74951234567"], {"debt": "10"})


def test_without_a_header_the_first_row_is_data(tmp_path):
    path = write_csv(tmp_path / "bare.csv", [["Анна", "89161234567"], ["Борис", "89161234568"]], delimiter=";")
    with open_contacts(path, ColumnMapping(name=0, phones=[1], has_header=False), region="RU") as contacts:
        assert contacts.header == ["Column 1", "Column 2"]
        assert [(contact.row_number, contact.name) for contact in contacts] == [(1, "Анна"), (2, "Борис")]


def test_a_column_the_file_lacks_names_the_mapping_field(path):
    with pytest.raises(ContactFileError) as raised:
        contacts_of(path, ColumnMapping(phones=["Телефон", "Мобильный"]))
    assert (raised.value.code, raised.value.field) == ("mapping.unknown_column", "phones[1]")
    assert raised.value.message_ru == "phones[1]: в файле нет столбца «Мобильный»"


def test_a_position_past_the_header_is_allowed_and_named_in_messages(tmp_path):
    path = write_csv(tmp_path / "wide.csv", [["Телефон"], ["нет", "89161234567"]], delimiter=";")
    [contact] = contacts_of(path, ColumnMapping(phones=[0, 1]))
    assert contact.phones == ["+79161234567"]
    assert [issue.column for issue in contact.warnings] == ["Телефон"]


@pytest.mark.parametrize(("body", "field"), [
    ({"phones": []}, ("phones",)),
    ({}, ("phones",)),
    ({"phones": ["A"], "variables": {"Debt": "B"}}, ("variables", "Debt", "[key]")),
    ({"phones": ["A"], "variables": {"1st": "B"}}, ("variables", "1st", "[key]")),
    ({"phones": ["A"], "variables": {"x" * 41: "B"}}, ("variables", "x" * 41, "[key]")),
    ({"phones": ["A", "A"]}, ("phones",)),
    ({"phones": [-1]}, ("phones", 0)),
    ({"phones": [True]}, ("phones", 0)),
    ({"phones": [""]}, ("phones", 0)),
    ({"phones": ["A"], "email": "B"}, ("email",)),
])
def test_invalid_mappings_name_the_field(body, field):
    with pytest.raises(ValidationError) as raised:
        ColumnMapping.model_validate(body)
    assert {error["loc"][:len(field)] for error in raised.value.errors()} == {field}


def test_a_mapping_from_json():
    mapping = ColumnMapping.model_validate_json(
        '{"phones": ["Телефон", 3], "variables": {"debt": "Долг", "due_date": 5}, "has_header": true}')
    assert mapping.phones == ["Телефон", 3] and mapping.variables == {"debt": "Долг", "due_date": 5}
