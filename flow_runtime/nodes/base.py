"""What every node type declares: typed parameters, catalog metadata and its outputs.

A node type is a pydantic model whose fields are the node's parameters. The class also carries
the metadata the editor shows (category, icon, ru/en title and description) and a declarative
output rule that both Python and the TypeScript editor interpret, so the two never disagree on
which handles a node has.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

Category = Literal["flow", "audio", "input", "logic", "integration", "routing"]

# Field markers the editor and the validator look for generically (see docs/flow-model.md).
TEMPLATE = "x-template"  # text with {{expression}} placeholders
EXPRESSION = "x-expression"  # a whole expression
REF = "x-ref"  # id of another object: "audio", "queue", "flow", "trunk"
ASSIGNS = "x-assigns"  # names a flow.* variable the node sets
ENUM_LABELS = "x-enum-labels"  # ru/en labels of the allowed values
MARKERS = (TEMPLATE, EXPRESSION, REF, ASSIGNS)


class Text(NamedTuple):
    """A user-visible text in both languages the product ships."""

    en: str
    ru: str

    def as_dict(self) -> dict[str, str]:
        return {"ru": self.ru, "en": self.en}


CATEGORIES: dict[str, Text] = {
    "flow": Text(en="Flow", ru="Сценарий"),
    "audio": Text(en="Audio", ru="Звук"),
    "input": Text(en="Caller input", ru="Ввод абонента"),
    "logic": Text(en="Logic", ru="Логика"),
    "integration": Text(en="Integrations", ru="Интеграции"),
    "routing": Text(en="Call routing", ru="Маршрутизация вызова"),
}


def param(
    default: Any = PydanticUndefined,
    *,
    en: tuple[str, str],
    ru: tuple[str, str],
    template: bool = False,
    expression: bool = False,
    ref: str | None = None,
    assigns: bool = False,
    options: Mapping[str, Text] | None = None,
    **constraints: Any,
) -> Any:
    """A parameter field: `en`/`ru` are (title, description); constraints go to pydantic.

    English lands in the standard JSON Schema title/description, Russian in title_ru and
    description_ru next to it, so one schema serves both UI languages.
    """
    extra: dict[str, Any] = {"title_ru": ru[0], "description_ru": ru[1]}
    if template:
        extra[TEMPLATE] = True
    if expression:
        extra[EXPRESSION] = True
    if ref is not None:
        extra[REF] = ref
    if assigns:
        extra[ASSIGNS] = True
    if options is not None:
        extra[ENUM_LABELS] = {value: label.as_dict() for value, label in options.items()}
    return Field(default, title=en[0], description=en[1], json_schema_extra=extra, **constraints)


def _drop_model_texts(schema: dict[str, Any]) -> None:
    """Class names and docstrings are developer notes, not UI text; fields carry ru/en texts.

    Dropping them also stops pydantic from deleting a field's title next to a "$ref" when it
    happens to equal the referenced model's title.
    """
    schema.pop("title", None)
    schema.pop("description", None)


class ParamsModel(BaseModel):
    """Base of node parameters and of their nested parts: unknown keys are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_drop_model_texts)


@dataclass(frozen=True)
class Output:
    """A named output; `when` = (boolean field, value) makes it exist only for that value."""

    name: str
    label: Text
    # Reaching this output means the caller spent real time (audio played, input awaited,
    # phone rang), so a loop through it cannot spin the CPU.
    waits: bool = False
    # Optional outputs may stay unconnected without a warning (the executor then hangs up).
    optional: bool = False
    when: tuple[str, bool] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label.as_dict(),
            "waits": self.waits,
            "optional": self.optional,
            "when": None if self.when is None else {"field": self.when[0], "equals": self.when[1]},
        }


@dataclass(frozen=True)
class OutputsFrom:
    """One output per entry of a list parameter (menu keys, switch cases, caller_match rules)."""

    field: str
    label: Text  # "{value}" is replaced by the output name
    item_field: str | None = None  # the entry's attribute holding the name; None: the entry itself
    waits: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.field,
            "item_field": self.item_field,
            "label": self.label.as_dict(),
            "waits": self.waits,
            "optional": False,
        }


@dataclass(frozen=True)
class Port:
    """One output of a concrete node, computed from its parameters."""

    name: str
    label: Text
    waits: bool
    optional: bool
    field: str | None = None  # parameter path the output comes from, e.g. "keys.2"


ERROR_OUTPUT = Output("error", Text(en="Error", ru="Ошибка"), optional=True)
NEXT_OUTPUT = Output("next", Text(en="Next", ru="Далее"))


class NodeDeclaration(ParamsModel):
    """A node type. Subclasses set the class-level metadata and declare parameters as fields."""

    type: ClassVar[str]
    type_version: ClassVar[int] = 1
    category: ClassVar[Category]
    icon: ClassVar[str]  # a Tabler icon name
    title: ClassVar[Text]
    description: ClassVar[Text]
    output_rule: ClassVar[tuple[Output | OutputsFrom, ...]] = ()
    summary_fields: ClassVar[tuple[str, ...]] = ()  # key parameters shown on the node card

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Catch declaration mistakes at import time rather than in the editor."""
        super().__pydantic_init_subclass__(**kwargs)
        for attribute in ("type", "category", "icon", "title", "description"):
            if not hasattr(cls, attribute):
                raise TypeError(f"{cls.__name__} must declare {attribute}")
        if cls.category not in get_args(Category):
            raise TypeError(f"{cls.__name__}: unknown category {cls.category!r}")
        referenced = list(cls.summary_fields)
        for part in cls.output_rule:
            if isinstance(part, OutputsFrom):
                referenced.append(part.field)
            elif part.when is not None:
                referenced.append(part.when[0])
        missing = [name for name in referenced if name not in cls.model_fields]
        if missing:
            raise TypeError(f"{cls.__name__} refers to undeclared fields {missing}")

    @classmethod
    @functools.cache
    def json_schema(cls) -> dict[str, Any]:
        """The parameters' JSON Schema (cached: treat the result as read-only)."""
        return cls.model_json_schema()

    @classmethod
    def ports(cls, params: NodeDeclaration) -> list[Port]:
        """The outputs this node has with these parameters, in display order."""
        ports: list[Port] = []
        for part in cls.output_rule:
            if isinstance(part, Output):
                if part.when is None or getattr(params, part.when[0]) == part.when[1]:
                    ports.append(Port(part.name, part.label, part.waits, part.optional))
                continue
            for index, entry in enumerate(getattr(params, part.field)):
                name = entry if part.item_field is None else getattr(entry, part.item_field)
                label = Text(
                    en=part.label.en.replace("{value}", name),
                    ru=part.label.ru.replace("{value}", name),
                )
                path = f"{part.field}.{index}" if part.item_field is None else f"{part.field}.{index}.{part.item_field}"
                ports.append(Port(name, label, part.waits, False, path))
        return ports

    @classmethod
    def outputs(cls, params: NodeDeclaration) -> list[str]:
        return [port.name for port in cls.ports(params)]

    @classmethod
    def outputs_description(cls) -> dict[str, Any]:
        """The output rule as data, for an editor to compute outputs without Python."""
        fixed = all(isinstance(part, Output) and part.when is None for part in cls.output_rule)
        return {
            "kind": "fixed" if fixed else "derived",
            "parts": [part.as_dict() for part in cls.output_rule],
        }


@dataclass(frozen=True)
class MarkedValue:
    """A parameter value whose field carries markers (template, expression, ref, assigns)."""

    path: str
    markers: Mapping[str, Any]
    value: Any


def marked_values(model: BaseModel, prefix: str = "") -> Iterator[MarkedValue]:
    """Every set value of a marked field, nested models and lists included, with its path."""
    for name, info in type(model).model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        markers = {key: extra[key] for key in MARKERS if key in extra}
        value = getattr(model, name)
        entries = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, entry in entries:
            path = f"{prefix}{name}" if index is None else f"{prefix}{name}.{index}"
            if isinstance(entry, BaseModel):
                yield from marked_values(entry, f"{path}.")
            elif markers and entry is not None:
                yield MarkedValue(path, markers, entry)
