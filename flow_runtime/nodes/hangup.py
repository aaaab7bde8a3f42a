"""hangup: ends the call."""

from typing import Literal

from flow_runtime.nodes.base import NodeDeclaration, Text, param


class HangupNode(NodeDeclaration):
    type = "hangup"
    category = "flow"
    icon = "phone-off"
    title = Text(en="Hang up", ru="Завершить вызов")
    description = Text(en="Ends the call", ru="Завершает вызов")
    summary_fields = ("cause",)

    cause: Literal["normal", "busy", "congestion"] | None = param(
        None,
        en=("Cause", "Hangup cause reported to the network; empty: normal"),
        ru=("Причина", "Причина завершения для сети; пусто — обычное завершение"),
        options={
            "normal": Text(en="Normal clearing", ru="Обычное завершение"),
            "busy": Text(en="Busy", ru="Занято"),
            "congestion": Text(en="Congestion", ru="Перегрузка"),
        },
    )
