"""set_result: records the call's outcome (e.g. a campaign's confirmation) and goes on to "next"."""

from flow_runtime.context import CallContext, CallResult
from flow_runtime.nodes.set_result import SetResultNode

node_type = "set_result"


async def execute(params: SetResultNode, ctx: CallContext) -> str:
    value = None if params.value is None else ctx.render(params.value)
    # A label left over from an earlier "custom" choice is not part of a confirmed/declined result.
    label = params.custom_label if params.outcome == "custom" else None
    ctx.result = CallResult(outcome=params.outcome, label=label, value=value)
    return "next"
