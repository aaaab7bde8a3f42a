"""Outputs: computed from parameters, identically by Python and by the editor's JSON rule."""

import pytest

from flow_runtime.nodes import NODE_TYPES, catalog, get_node_type
from flow_runtime.nodes.base import NodeDeclaration, Output, Text

from .flow_fixtures import GOOD_FIXTURES, load_fixture

ENTRIES = {entry["type"]: entry for entry in catalog()}
TTS = {"items": [{"kind": "tts", "text": "Здравствуйте"}]}


def editor_outputs(entry: dict, params: dict) -> list[str]:
    """What the TypeScript editor does: only catalog JSON, parameters and schema defaults."""
    properties = entry["json_schema"]["properties"]
    values = {name: field["default"] for name, field in properties.items() if "default" in field} | params
    names = []
    for part in entry["outputs"]["parts"]:
        if "from" in part:
            items = values.get(part["from"]) or []
            names += [item if part["item_field"] is None else item[part["item_field"]] for item in items]
        elif part["when"] is None or values.get(part["when"]["field"]) == part["when"]["equals"]:
            names.append(part["name"])
    return names


SAMPLES = [
    ("menu", {"prompt": TTS, "keys": ["1", "2", "#"]}, ["1", "2", "#", "timeout", "invalid", "error"]),
    ("menu", {"prompt": TTS, "keys": ["0"]}, ["0", "timeout", "invalid", "error"]),
    ("switch", {"value": "contact.region", "cases": ["msk", "spb"]}, ["msk", "spb", "default"]),
    (
        "caller_match",
        {
            "rules": [
                {"output": "vip", "caller_numbers": ["100"]},
                {"output": "night", "time_ranges": [{"start": "22:00", "end": "06:00"}]},
            ]
        },
        ["vip", "night", "no_match"],
    ),
    ("play", {"prompt": TTS}, ["done", "error"]),
    ("play", {"prompt": TTS, "barge_in": True}, ["done", "dtmf", "error"]),
    ("http_request", {"url": "https://example.ru"}, ["ok", "error", "timeout"]),
    ("queue", {"queue_id": "q"}, ["answered", "timeout", "no_agents", "full", "error"]),
    ("transfer", {"target": "101"}, ["answered", "busy", "no_answer", "failed", "error"]),
    ("set_variable", {"assignments": [{"variable": "a", "expression": "1"}]}, ["next"]),
    ("hangup", {}, []),
]


@pytest.mark.parametrize(("node_type", "params", "expected"), SAMPLES)
def test_outputs_follow_parameters(node_type, params, expected):
    declaration = get_node_type(node_type)
    assert declaration.outputs(declaration.model_validate(params)) == expected
    assert editor_outputs(ENTRIES[node_type], params) == expected


def test_editor_rule_agrees_with_python_on_every_fixture_node():
    for path in GOOD_FIXTURES:
        for node in load_fixture(path)["graph"]["nodes"]:
            params = {key: value for key, value in node["data"].items() if key != "label"}
            declaration = get_node_type(node["type"])
            python = declaration.outputs(declaration.model_validate(params))
            assert python == editor_outputs(ENTRIES[node["type"]], params), node["id"]


def test_derived_outputs_get_labels_from_their_values():
    menu = get_node_type("menu")
    ports = menu.ports(menu.model_validate({"prompt": TTS, "keys": ["5"]}))
    first = ports[0]
    assert (first.name, first.label.ru, first.label.en, first.field) == ("5", "Клавиша 5", "Key 5", "keys.0")


def test_error_output_is_optional_exactly_where_executors_may_fail():
    optional_error = {
        name
        for name, entry in ENTRIES.items()
        for part in entry["outputs"]["parts"]
        if part.get("name") == "error" and part["optional"]
    }
    assert optional_error == {"play", "say", "transfer", "record", "subflow", "queue", "collect", "menu"}
    http_error = next(part for part in ENTRIES["http_request"]["outputs"]["parts"] if part.get("name") == "error")
    assert http_error["optional"] is False  # a failing API is an expected branch, so warn when unhandled


def test_waiting_outputs_are_the_ones_after_real_time_with_the_caller():
    waits = {
        (name, part.get("name") or f"<{part['from']}>")
        for name, entry in ENTRIES.items()
        for part in entry["outputs"]["parts"]
        if part["waits"]
    }
    assert ("menu", "<keys>") in waits and ("play", "done") in waits and ("queue", "timeout") in waits
    assert not {("queue", "no_agents"), ("queue", "full"), ("transfer", "failed"), ("play", "error")} & waits
    assert not any(name in {"set_variable", "condition", "switch", "http_request", "subflow"} for name, _ in waits)


def test_fixed_and_derived_rules_are_told_apart_for_the_editor():
    assert ENTRIES["answer"]["outputs"]["kind"] == "fixed"
    assert ENTRIES["menu"]["outputs"]["kind"] == "derived"
    assert ENTRIES["play"]["outputs"]["kind"] == "derived"  # "dtmf" exists only with barge_in


def test_declaration_mistakes_fail_at_import_time():
    with pytest.raises(TypeError, match="undeclared fields"):

        class Broken(NodeDeclaration):
            type = "broken"
            category = "logic"
            icon = "bug"
            title = description = Text(en="Broken", ru="Сломан")
            output_rule = (Output("next", Text(en="Next", ru="Далее"), when=("missing_flag", True)),)

    assert "broken" not in NODE_TYPES
