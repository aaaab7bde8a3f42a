"""The node catalog as the editor receives it from GET /api/node-types."""

import json

import pytest
from jsonschema import Draft202012Validator

from flow_runtime.nodes import NODE_TYPES, catalog, get_node_type

from .flow_fixtures import GOOD_FIXTURES, load_fixture

CATALOG = catalog()
ENTRIES = {entry["type"]: entry for entry in CATALOG}
REQUIRED_TYPES = {
    "start", "answer", "play", "say", "menu", "collect", "set_variable", "condition", "switch",
    "time_condition", "caller_match", "http_request", "transfer", "queue", "record",
    "callback_request", "set_result", "subflow", "hangup",
}  # fmt: skip


def _fields(schema):
    """(path, property schema) of every field, top level and nested models ($defs) alike."""
    for scope, model in [("", schema), *((f"$defs.{name}.", model) for name, model in schema.get("$defs", {}).items())]:
        for name, field in model.get("properties", {}).items():
            yield f"{scope}{name}", field


def _enum_values(field):
    for branch in [field, field.get("items", {}), *field.get("anyOf", [])]:
        if "enum" in branch:
            return branch["enum"]
        if "const" in branch:
            return [branch["const"]]
        if "enum" in branch.get("items", {}):
            return branch["items"]["enum"]
    return None


def test_catalog_declares_every_node_type_once_in_registry_order():
    assert [entry["type"] for entry in CATALOG] == list(NODE_TYPES)
    assert set(ENTRIES) == REQUIRED_TYPES


def test_catalog_is_json_serialisable_and_stable():
    text = json.dumps(CATALOG, ensure_ascii=False, sort_keys=True)
    assert json.loads(text) == CATALOG
    assert json.dumps(catalog(), ensure_ascii=False, sort_keys=True) == text


def test_catalog_callers_cannot_corrupt_the_cached_catalog():
    mine = catalog()
    mine[0]["json_schema"]["properties"].clear()
    assert catalog()[0]["json_schema"]["properties"]


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry["type"])
def test_entry_metadata_is_complete_in_both_languages(entry):
    assert entry["type_version"] == 1
    assert entry["icon"]
    for key in ("title", "description", "category_title"):
        assert entry[key]["ru"].strip() and entry[key]["en"].strip(), key
    assert entry["category"] in {"flow", "audio", "input", "logic", "integration", "routing"}
    assert set(entry["summary_fields"]) <= set(entry["json_schema"]["properties"])


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry["type"])
def test_json_schema_is_valid_draft_2020_12(entry):
    Draft202012Validator.check_schema(entry["json_schema"])


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry["type"])
def test_every_field_has_russian_and_english_texts(entry):
    for path, field in _fields(entry["json_schema"]):
        for key in ("title", "title_ru", "description", "description_ru"):
            assert isinstance(field.get(key), str) and field[key].strip(), f"{path} lacks {key}"


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry["type"])
def test_every_choice_has_labels_for_exactly_its_values(entry):
    for path, field in _fields(entry["json_schema"]):
        values = _enum_values(field)
        if values is None:
            continue
        labels = field.get("x-enum-labels", {})
        assert set(labels) == set(values), path
        assert all(label["ru"] and label["en"] for label in labels.values()), path


@pytest.mark.parametrize("entry", CATALOG, ids=lambda entry: entry["type"])
def test_every_output_has_labels_in_both_languages(entry):
    for part in entry["outputs"]["parts"]:
        assert part["label"]["ru"] and part["label"]["en"]


def test_markers_let_the_editor_find_references_templates_and_expressions():
    def markers(node_type, marker):
        return {path: field[marker] for path, field in _fields(ENTRIES[node_type]["json_schema"]) if marker in field}

    assert markers("play", "x-ref") == {"$defs.AudioItem.audio_id": "audio"}
    assert markers("queue", "x-ref") == {"queue_id": "queue"}
    assert markers("subflow", "x-ref") == {"flow_id": "flow"}
    assert markers("transfer", "x-ref") == {"trunk": "trunk"}
    assert markers("play", "x-template") == {"$defs.SpeechItem.text": True}
    assert markers("condition", "x-expression") == {"expression": True}
    assert set(markers("http_request", "x-template")) == {"url", "body", "$defs.Header.value"}
    assert markers("collect", "x-assigns") == {"variable": True}


def test_constraints_reach_the_json_schema():
    menu = ENTRIES["menu"]["json_schema"]["properties"]
    assert (menu["timeout"]["minimum"], menu["timeout"]["maximum"], menu["timeout"]["default"]) == (1, 120, 15)
    assert menu["keys"]["items"]["pattern"] == "^[0-9*#]$"
    assert ENTRIES["http_request"]["json_schema"]["properties"]["timeout"]["maximum"] == 30


def test_json_schema_accepts_the_parameters_pydantic_accepts():
    """The editor validates with the JSON Schema; it must agree with the server on real flows."""
    checked = 0
    for path in GOOD_FIXTURES:
        for node in load_fixture(path)["graph"]["nodes"]:
            params = {key: value for key, value in node["data"].items() if key != "label"}
            get_node_type(node["type"]).model_validate(params)
            Draft202012Validator(ENTRIES[node["type"]]["json_schema"]).validate(params)
            checked += 1
    assert checked > 30


@pytest.mark.parametrize(
    ("node_type", "params"),
    [
        ("menu", {"prompt": {"items": [{"kind": "tts", "text": "x"}]}, "keys": ["A"]}),
        ("menu", {"prompt": {"items": [{"kind": "tts", "text": "x"}]}, "keys": ["1"], "timeout": 999}),
        ("http_request", {"url": "ftp://example.ru"}),
        ("play", {"prompt": {"items": [{"kind": "video", "id": "x"}]}}),
        ("hangup", {"cause": "normal", "colour": "red"}),
    ],
)
def test_json_schema_rejects_what_pydantic_rejects(node_type, params):
    assert list(Draft202012Validator(ENTRIES[node_type]["json_schema"]).iter_errors(params))
    with pytest.raises(ValueError):
        get_node_type(node_type).model_validate(params)


def test_get_node_type_names_the_unknown_type():
    assert get_node_type("menu").type == "menu"
    with pytest.raises(KeyError, match="fax"):
        get_node_type("fax")
