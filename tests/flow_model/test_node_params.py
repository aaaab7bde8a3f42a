"""Parameter rules of individual node types that the fixtures do not spell out."""

import pytest
from pydantic import ValidationError

from flow_runtime.nodes import get_node_type
from flow_runtime.nodes.base import marked_values
from flow_runtime.nodes.params import validate_params

TTS = {"items": [{"kind": "tts", "text": "Введите код"}]}


def errors(node_type, params):
    return [(error.field, error.code) for error in validate_params(get_node_type(node_type), params)[1]]


@pytest.mark.parametrize(
    ("pattern", "valid"),
    [("*[0-9]*#", False), (r"\*[0-9]*#", True), ("[0-9]{4}", True), ("(12", False), ("", False)],
)
def test_collect_pattern_must_be_a_regular_expression(pattern, valid):
    problems = errors("collect", {"variable": "code", "pattern": pattern})
    assert (problems == []) is valid
    if not valid:
        assert problems[0][0] == "pattern"


def test_caller_match_pattern_is_checked_inside_its_rule():
    assert errors("caller_match", {"rules": [{"output": "x", "caller_pattern": "+7"}]}) == [
        ("rules.0.caller_pattern", "params.invalid_regex")
    ]


@pytest.mark.parametrize(
    ("zone", "valid"),
    [("Europe/Moscow", True), ("Asia/Vladivostok", True), ("Moscow", False), ("../etc/passwd", False)],
)
def test_time_zone_must_be_an_iana_name(zone, valid):
    assert (errors("time_condition", {"timezone": zone}) == []) is valid


def test_overnight_time_range_is_allowed_and_24_00_ends_the_day():
    def hours(*ranges):
        time_ranges = [{"start": start, "end": end} for start, end in ranges]
        return {"schedule": [{"weekdays": ["sat"], "time_ranges": time_ranges}]}

    assert errors("time_condition", hours(("22:00", "06:00"), ("08:00", "24:00"))) == []
    assert errors("time_condition", hours(("24:00", "06:00"))) == [("schedule.0.time_ranges.0.start", "params.invalid")]


def test_conditionally_required_fields_are_optional_otherwise():
    assert errors("callback_request", {"number_source": "caller_id"}) == []
    assert errors("callback_request", {"number_source": "variable", "number_variable": "contact.mobile"}) == []
    assert errors("callback_request", {"number_source": "variable", "number_variable": "os.system"}) == [
        ("number_variable", "params.invalid")
    ]
    assert errors("set_result", {"outcome": "custom", "custom_label": "Перезвонить"}) == []


def test_http_request_limits():
    assert errors("http_request", {"url": "https://api.example.ru/{{flow.id}}", "timeout": 30}) == []
    mapping = [{"variable": "a", "path": "data..x"}]
    assert errors("http_request", {"url": "https://x", "timeout": 31, "response_mapping": mapping}) == [
        ("timeout", "params.invalid"),
        ("response_mapping.0.path", "params.invalid"),
    ]


def test_russian_messages_for_pydantic_errors():
    menu = {"prompt": TTS, "keys": ["1"], "retries": 11, "timeout": "soon"}
    _, problems = validate_params(get_node_type("menu"), menu)
    messages = {problem.field: problem.message["ru"] for problem in problems}
    assert messages == {"retries": "Значение должно быть не больше 10", "timeout": "Ожидается целое число"}
    _, problems = validate_params(get_node_type("say"), {"value": "1", "kind": "colour"})
    assert problems[0].message["ru"].startswith("Недопустимое значение; допустимо: 'digits'")
    assert " или " in problems[0].message["ru"]


def test_defaults_fill_in_what_the_editor_leaves_out():
    menu = get_node_type("menu").model_validate({"prompt": TTS, "keys": ["1"]})
    assert (menu.timeout, menu.retries, menu.prompt.language) == (15, 3, "ru")
    hours = get_node_type("time_condition").model_validate({})
    assert hours.schedule[0].weekdays == ["mon", "tue", "wed", "thu", "fri"]
    other = get_node_type("time_condition").model_validate({})
    other.schedule[0].weekdays.append("sat")
    assert hours.schedule[0].weekdays == ["mon", "tue", "wed", "thu", "fri"]  # defaults are not shared


def test_marked_values_walk_nested_parameters_with_paths():
    menu = get_node_type("menu").model_validate(
        {
            "prompt": {"items": [{"kind": "audio", "audio_id": "hello"}, {"kind": "tts", "text": "{{contact.name}}"}]},
            "keys": ["1"],
            "timeout_prompt": {"items": [{"kind": "audio", "audio_id": "again"}]},
        }
    )
    found = {(value.path, tuple(value.markers.items()), value.value) for value in marked_values(menu)}
    assert found == {
        ("prompt.items.0.audio_id", (("x-ref", "audio"),), "hello"),
        ("prompt.items.1.text", (("x-template", True),), "{{contact.name}}"),
        ("timeout_prompt.items.0.audio_id", (("x-ref", "audio"),), "again"),
    }


def test_unknown_parameters_are_rejected():
    with pytest.raises(ValidationError):
        get_node_type("answer").model_validate({"ring": True})
