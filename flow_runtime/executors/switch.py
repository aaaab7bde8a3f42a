"""switch: the case equal to the value read as text (as a template shows it: 1500.0 is "1500",
True is "true", None is ""), else "default". A case's output is named by the case itself."""

from flow_runtime.context import CallContext
from flow_runtime.expressions import to_text
from flow_runtime.nodes.switch import SwitchNode

node_type = "switch"


async def execute(params: SwitchNode, ctx: CallContext) -> str:
    value = to_text(ctx.evaluate(params.value))
    return value if value in params.cases else "default"
