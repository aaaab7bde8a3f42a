"""hangup: ends the call, optionally with a busy or congestion cause."""

from flow_runtime.context import CallContext
from flow_runtime.nodes.hangup import HangupNode

node_type = "hangup"


async def execute(params: HangupNode, ctx: CallContext) -> str:
    await ctx.channel.hangup(params.cause or "normal")
    return ""
