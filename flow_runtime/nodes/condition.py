"""condition: branches on a yes/no expression."""

from flow_runtime.nodes.base import NodeDeclaration, Output, Text
from flow_runtime.nodes.fields import expression_param


class ConditionNode(NodeDeclaration):
    type = "condition"
    category = "logic"
    icon = "git-branch"
    title = Text(en="Condition", ru="Условие")
    description = Text(en="Branches on whether an expression is true", ru="Ветвление по истинности выражения")
    output_rule = (
        Output("true", Text(en="Yes", ru="Да")),
        Output("false", Text(en="No", ru="Нет")),
    )
    summary_fields = ("expression",)

    expression: str = expression_param(
        en=("Condition", "Expression, e.g. contact.debt > 1000 and not flow.confirmed"),
        ru=("Условие", "Выражение, например contact.debt > 1000 and not flow.confirmed"),
    )
