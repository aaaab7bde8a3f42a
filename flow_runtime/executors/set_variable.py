"""set_variable: evaluates the assignments in order into flow.<variable>, so later ones see earlier ones."""

from flow_runtime.context import CallContext, NodeError
from flow_runtime.nodes.set_variable import SetVariableNode

node_type = "set_variable"


async def execute(params: SetVariableNode, ctx: CallContext) -> str:
    for assignment in params.assignments:
        try:
            value = ctx.evaluate(assignment.expression)
        except NodeError as error:
            # Assignments before this one stay set: they are done, in order, as the node promises.
            raise NodeError(
                f"flow.{assignment.variable}: {error.message['en']}",
                f"flow.{assignment.variable}: {error.message['ru']}",
            ) from error
        ctx.set_flow_variable(assignment.variable, value)
    return "next"
