"""subflow: runs another published flow of the tenant on this call with its own flow.* variables;
when it ends, this flow continues at `done`."""

from flow_runtime.context import CallContext, NodeError
from flow_runtime.nodes.subflow import SubflowNode

node_type = "subflow"
MAX_SUBFLOW_DEPTH = 5


async def execute(params: SubflowNode, ctx: CallContext) -> str:
    if ctx.subflow_depth >= MAX_SUBFLOW_DEPTH:
        raise NodeError(f"subflows nest deeper than {MAX_SUBFLOW_DEPTH}")
    graph = await ctx.services.load_subflow(ctx.tenant, params.flow_id)
    inputs = {p.name: ctx.evaluate(p.expression) for p in params.parameters}
    caller_variables = ctx.variables.get("flow", {})
    ctx.variables["flow"] = inputs
    ctx.subflow_depth += 1
    try:
        await ctx.run_graph(graph, ctx)
    finally:
        ctx.subflow_depth -= 1
        ctx.variables["flow"] = caller_variables
    return "done"
