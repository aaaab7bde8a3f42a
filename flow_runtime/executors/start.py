"""start: the entry; a subflow's declared inputs default to empty when the caller did not pass them."""

from flow_runtime.context import CallContext
from flow_runtime.nodes.start import StartNode

node_type = "start"


async def execute(params: StartNode, ctx: CallContext) -> str:
    flow_variables = ctx.variables.setdefault("flow", {})
    for declared in params.inputs:
        flow_variables.setdefault(declared.name, "")
    return "next"
