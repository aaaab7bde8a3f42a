"""caller_match: override rules (переопределённые правила) routing chosen callers or times."""

from typing import Annotated

from pydantic import StringConstraints

from flow_runtime.nodes.base import NodeDeclaration, Output, OutputsFrom, ParamsModel, Text, param
from flow_runtime.nodes.fields import (
    RegexPattern,
    TimeRange,
    TimezoneName,
    Weekday,
    time_ranges_param,
    timezone_param,
    weekdays_param,
)

PhoneNumber = Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{1,20}$")]


class OverrideRule(ParamsModel):
    """Matches when every condition that is set matches; an unset condition matches anything."""

    output: str = param(
        en=("Output", "Name of the output this rule leads to"),
        ru=("Выход", "Название выхода, на который ведёт правило"),
        min_length=1,
        max_length=64,
    )
    caller_numbers: list[PhoneNumber] = param(
        [],
        en=("Caller numbers", "Exact caller numbers, digits with an optional leading +"),
        ru=("Номера звонящих", "Точные номера звонящих: цифры, допускается + в начале"),
        max_length=500,
    )
    caller_pattern: RegexPattern | None = param(
        None,
        en=("Caller number pattern", r"Regular expression for the whole caller number, e.g. ^7495\d{7}$"),
        ru=("Шаблон номера", r"Регулярное выражение для всего номера звонящего, например ^7495\d{7}$"),
    )
    weekdays: list[Weekday] = weekdays_param(required=False)
    time_ranges: list[TimeRange] = time_ranges_param(required=False)


class CallerMatchNode(NodeDeclaration):
    type = "caller_match"
    category = "logic"
    icon = "filter"
    title = Text(en="Override rules", ru="Переопределённые правила")
    description = Text(
        en="Checks rules in order by caller number, weekday and time; the first match wins",
        ru="Проверяет правила по порядку по номеру звонящего, дню недели и времени; срабатывает первое подходящее",
    )
    output_rule = (
        OutputsFrom("rules", Text(en="{value}", ru="{value}"), item_field="output"),
        Output("no_match", Text(en="No rule matched", ru="Ни одно правило не подошло")),
    )
    summary_fields = ("rules",)

    timezone: TimezoneName | None = timezone_param()
    rules: list[OverrideRule] = param(
        en=("Rules", "Checked in order; each rule is an output"),
        ru=("Правила", "Проверяются по порядку; у каждого правила свой выход"),
        min_length=1,
        max_length=50,
    )
