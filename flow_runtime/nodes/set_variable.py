"""set_variable: computes values into flow variables."""

from flow_runtime.nodes.base import NEXT_OUTPUT, NodeDeclaration, ParamsModel, Text, param
from flow_runtime.nodes.fields import VariableName, assigned_variable_param, expression_param


class Assignment(ParamsModel):
    variable: VariableName = assigned_variable_param()
    expression: str = expression_param(
        en=("Value", "Expression, e.g. contact.debt * 100 or \"yes\""),
        ru=("Значение", "Выражение, например contact.debt * 100 или \"да\""),
    )


class SetVariableNode(NodeDeclaration):
    type = "set_variable"
    category = "logic"
    icon = "variable"
    title = Text(en="Set variable", ru="Задать переменную")
    description = Text(
        en="Computes expressions into flow variables, in order",
        ru="Вычисляет выражения и сохраняет их в переменные сценария по порядку",
    )
    output_rule = (NEXT_OUTPUT,)
    summary_fields = ("assignments",)

    assignments: list[Assignment] = param(
        en=("Assignments", "Variables to set, in order"),
        ru=("Присваивания", "Какие переменные задать, по порядку"),
        min_length=1,
        max_length=50,
    )
