"""subflow: runs another flow (вложенный сценарий) and comes back."""

from flow_runtime.nodes.base import ERROR_OUTPUT, NodeDeclaration, Output, ParamsModel, Text, param
from flow_runtime.nodes.fields import VariableName, expression_param, reference_param


class SubflowParameter(ParamsModel):
    # Not marked as assigning: the variable is set in the called flow, not in this one.
    name: VariableName = param(
        en=("Input variable", "Input variable of the called flow"),
        ru=("Входная переменная", "Входная переменная вызываемого сценария"),
    )
    expression: str = expression_param(
        en=("Value", "Expression computed in this flow"),
        ru=("Значение", "Выражение, вычисляемое в этом сценарии"),
    )


class SubflowNode(NodeDeclaration):
    type = "subflow"
    category = "flow"
    icon = "hierarchy"
    title = Text(en="Subflow", ru="Вложенный сценарий")
    description = Text(
        en="Runs another flow with parameters and continues when it finishes",
        ru="Запускает другой сценарий с параметрами и продолжает после его завершения",
    )
    output_rule = (Output("done", Text(en="Finished", ru="Завершён")), ERROR_OUTPUT)
    summary_fields = ("flow_id",)

    flow_id: str = reference_param("flow", en=("Flow", "The flow to run"), ru=("Сценарий", "Какой сценарий запустить"))
    parameters: list[SubflowParameter] = param(
        [],
        en=("Parameters", "Values passed to the called flow's input variables"),
        ru=("Параметры", "Значения для входных переменных вызываемого сценария"),
        max_length=20,
    )
