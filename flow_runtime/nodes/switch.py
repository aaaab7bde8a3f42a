"""switch: branches on the value of an expression, one output per listed value."""

from typing import Annotated

from pydantic import StringConstraints

from flow_runtime.nodes.base import NodeDeclaration, Output, OutputsFrom, Text, param
from flow_runtime.nodes.fields import expression_param

CaseValue = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class SwitchNode(NodeDeclaration):
    type = "switch"
    category = "logic"
    icon = "arrows-split"
    title = Text(en="Switch", ru="Выбор по значению")
    description = Text(
        en="Compares a value (as text) with the listed cases; each case is an output",
        ru="Сравнивает значение (как текст) с вариантами; у каждого варианта свой выход",
    )
    output_rule = (
        OutputsFrom("cases", Text(en="= {value}", ru="= {value}")),
        Output("default", Text(en="Anything else", ru="Иначе")),
    )
    summary_fields = ("value",)

    value: str = expression_param(
        en=("Value", "Expression to compare, e.g. contact.region"),
        ru=("Значение", "Выражение для сравнения, например contact.region"),
    )
    cases: list[CaseValue] = param(
        en=("Cases", "Values to compare with; each becomes an output"),
        ru=("Варианты", "Значения для сравнения; каждое становится выходом"),
        min_length=1,
        max_length=50,
    )
