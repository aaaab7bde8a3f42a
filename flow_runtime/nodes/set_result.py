"""set_result: records the outcome of the call, e.g. a campaign's DTMF confirmation."""

from typing import Literal

from flow_runtime.nodes.base import NEXT_OUTPUT, NodeDeclaration, Text, param
from flow_runtime.nodes.fields import required_when


class SetResultNode(NodeDeclaration):
    type = "set_result"
    category = "flow"
    icon = "checkbox"
    title = Text(en="Call result", ru="Результат вызова")
    description = Text(
        en="Records the outcome of the call for reports (e.g. confirmed by a key press)",
        ru="Фиксирует итог вызова для отчётов (например, подтверждение тональным набором)",
    )
    output_rule = (NEXT_OUTPUT,)
    summary_fields = ("outcome",)

    outcome: Literal["confirmed", "declined", "custom"] = param(
        "confirmed",
        en=("Outcome", "The result to record"),
        ru=("Итог", "Какой итог записать"),
        options={
            "confirmed": Text(en="Confirmed", ru="Подтверждено"),
            "declined": Text(en="Declined", ru="Отказ"),
            "custom": Text(en="Custom", ru="Свой вариант"),
        },
    )
    custom_label: str | None = param(
        None,
        en=("Custom outcome", "Name of the custom outcome shown in reports"),
        ru=("Свой итог", "Название своего итога в отчётах"),
        min_length=1,
        max_length=64,
        validate_default=True,
    )
    value: str | None = param(
        None,
        en=("Value", "Extra value stored with the result; {{variables}} are substituted"),
        ru=("Значение", "Дополнительное значение к итогу; {{переменные}} подставляются"),
        template=True,
        max_length=500,
    )

    _custom_label_when_custom = required_when("custom_label", "outcome", "custom")
