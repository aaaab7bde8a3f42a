"""start: where a call enters the flow."""

from typing import Literal

from flow_runtime.nodes.base import NEXT_OUTPUT, NodeDeclaration, ParamsModel, Text, param
from flow_runtime.nodes.fields import VariableName


class SubflowInput(ParamsModel):
    name: VariableName = param(
        en=("Variable", "Set as flow.<name> from the calling flow's parameter of the same name"),
        ru=("Переменная", "Становится flow.<имя> из одноимённого параметра вызывающего сценария"),
        assigns=True,
    )
    description: str | None = param(
        None,
        en=("Description", "What the calling flow should pass"),
        ru=("Описание", "Что должен передать вызывающий сценарий"),
        max_length=200,
    )


class StartNode(NodeDeclaration):
    type = "start"
    category = "flow"
    icon = "flag"
    title = Text(en="Start", ru="Начало")
    description = Text(en="Where the call enters the flow", ru="Точка входа вызова в сценарий")
    output_rule = (NEXT_OUTPUT,)
    summary_fields = ("trigger",)

    trigger: Literal["inbound_number", "campaign", "subflow"] = param(
        "inbound_number",
        en=("Trigger", "What starts this flow"),
        ru=("Запуск", "Что запускает сценарий"),
        options={
            "inbound_number": Text(en="Inbound call to a number", ru="Входящий вызов на номер"),
            "campaign": Text(en="Outbound campaign", ru="Оповещение (автообзвон)"),
            "subflow": Text(en="Called from another flow", ru="Вызов из другого сценария"),
        },
    )
    inputs: list[SubflowInput] = param(
        [],
        en=("Input variables", "Variables a calling flow passes in (for subflows)"),
        ru=("Входные переменные", "Переменные, которые передаёт вызывающий сценарий (для вложенных сценариев)"),
        max_length=20,
    )
