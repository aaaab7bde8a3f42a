"""Validating a node's parameters into its declaration, with errors as field paths in ru/en."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from flow_runtime.nodes.base import NodeDeclaration

# Russian for the pydantic errors our parameter types can produce; {name}s come from the ctx.
_RUSSIAN: dict[str, str] = {
    "missing": "Обязательное поле",
    "extra_forbidden": "Неизвестное поле",
    "string_type": "Ожидается текст",
    "string_too_short": "Слишком короткое значение (минимум {min_length} симв.)",
    "string_too_long": "Слишком длинное значение (максимум {max_length} симв.)",
    "string_pattern_mismatch": "Значение не соответствует формату {pattern}",
    "too_short": "Слишком мало элементов (минимум {min_length})",
    "too_long": "Слишком много элементов (максимум {max_length})",
    "greater_than_equal": "Значение должно быть не меньше {ge}",
    "less_than_equal": "Значение должно быть не больше {le}",
    "literal_error": "Недопустимое значение; допустимо: {expected}",
    "int_type": "Ожидается целое число",
    "int_parsing": "Ожидается целое число",
    "int_from_float": "Ожидается целое число",
    "bool_type": "Ожидается да или нет (true/false)",
    "bool_parsing": "Ожидается да или нет (true/false)",
    "list_type": "Ожидается список",
    "model_type": "Ожидается объект",
    "model_attributes_type": "Ожидается объект",
    "dict_type": "Ожидается объект",
    "date_type": "Ожидается дата ГГГГ-ММ-ДД",
    "date_parsing": "Ожидается дата ГГГГ-ММ-ДД",
    "date_from_datetime_parsing": "Ожидается дата ГГГГ-ММ-ДД",
    "date_from_datetime_inexact": "Ожидается дата ГГГГ-ММ-ДД",
    "union_tag_invalid": "Неизвестный вид: {tag}; допустимо: {expected_tags}",
    "union_tag_not_found": "Не указан вид ({discriminator})",
}

# Error types with their own validation code; every other pydantic error is params.invalid.
_OWN_CODES = {"missing": "params.missing", "extra_forbidden": "params.unknown_field"}


class _Context(dict[str, str]):
    """Error context for str.format_map; a key pydantic did not provide reads as "?"."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class ParamError:
    field: str  # path inside the parameters, e.g. "prompt.items.1.text"
    code: str
    message: dict[str, str]  # {"ru": ..., "en": ...}


def validate_params(
    declaration: type[NodeDeclaration], params: dict[str, Any]
) -> tuple[NodeDeclaration | None, list[ParamError]]:
    """The validated parameters, or None and what is wrong with each field."""
    try:
        return declaration.model_validate(params), []
    except ValidationError as exc:
        schema = declaration.json_schema()
        return None, [_param_error(error, schema) for error in exc.errors(include_url=False)]


def _param_error(error: Any, schema: dict[str, Any]) -> ParamError:
    custom = "ru" in (error.get("ctx") or {})  # raised by our validators with a stable type
    code = _OWN_CODES.get(error["type"], f"params.{error['type']}" if custom else "params.invalid")
    return ParamError(_field_path(error["loc"], schema), code, error_message(error))


def error_message(error: Any) -> dict[str, str]:
    """ru/en text of one pydantic error; our own errors carry their Russian in ctx["ru"]."""
    context = error.get("ctx") or {}
    if "ru" in context:
        return {"ru": context["ru"], "en": error["msg"]}
    values = _Context({key: str(value) for key, value in context.items()}, message=error["msg"])
    if "expected" in values:  # pydantic lists the allowed values as "'a', 'b' or 'c'"
        values["expected"] = values["expected"].replace(" or ", " или ")
    russian = _RUSSIAN.get(error["type"], "Недопустимое значение: {message}").format_map(values)
    return {"ru": russian, "en": error["msg"]}


def _field_path(location: tuple[str | int, ...], schema: dict[str, Any]) -> str:
    """The data path of an error: pydantic puts union tags into `loc` ("items.1.tts.text")."""
    definitions = schema.get("$defs", {})
    node: dict[str, Any] = schema
    path: list[str] = []
    for element in location:
        node = _resolve(node, definitions)
        if "discriminator" in node:  # `element` is the tag, not a key of the data
            node = definitions[node["discriminator"]["mapping"][element].rsplit("/", 1)[-1]]
            continue
        path.append(str(element))
        node = node.get("items", {}) if isinstance(element, int) else node.get("properties", {}).get(element, {})
    return ".".join(path)


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """Follows "$ref" and the non-null branch of an optional ("anyOf": [X, null])."""
    while True:
        if "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next((branch for branch in node["anyOf"] if branch.get("type") != "null"), {})
        else:
            return node
