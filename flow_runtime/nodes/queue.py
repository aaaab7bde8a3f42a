"""queue: puts the caller into a queue of agents (операторы)."""

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, Text, param
from flow_runtime.nodes.fields import reference_param


class QueueNode(NodeDeclaration):
    type = "queue"
    category = "routing"
    icon = "users-group"
    title = Text(en="Queue", ru="Очередь")
    description = Text(
        en="Puts the caller into a queue until an agent answers",
        ru="Ставит абонента в очередь до ответа оператора",
    )
    # "no_agents" and "full" can come back at once, so they do not count as waiting.
    output_rule = (
        Output("answered", Text(en="Answered by an agent", ru="Оператор ответил"), waits=True),
        Output("timeout", Text(en="Waited too long", ru="Время ожидания истекло"), waits=True),
        Output("no_agents", Text(en="No agents", ru="Нет операторов")),
        Output("full", Text(en="Queue full", ru="Очередь переполнена")),
        ERROR_OUTPUT,
    )
    summary_fields = ("queue_id",)

    queue_id: str = reference_param(
        "queue", en=("Queue", "The queue to wait in"), ru=("Очередь", "В какую очередь поставить")
    )
    max_wait_seconds: int = param(
        300,
        en=("Maximum wait, s", "Longest wait before “Waited too long”"),
        ru=("Максимальное ожидание, с", "Сколько ждать до выхода «Время ожидания истекло»"),
        ge=10,
        le=7200,
    )
    priority: int = param(
        0,
        en=("Priority", "Callers with a higher priority are answered first"),
        ru=("Приоритет", "Абонентов с большим приоритетом обслуживают раньше"),
        ge=0,
        le=10,
    )
