"""condition: "true" when the expression's value is truthy (Python's truth: 0, "", None, [] are false)."""

from flow_runtime.context import CallContext
from flow_runtime.nodes.condition import ConditionNode

node_type = "condition"


async def execute(params: ConditionNode, ctx: CallContext) -> str:
    value = ctx.evaluate(params.expression)
    return "true" if value else "false"
