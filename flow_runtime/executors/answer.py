"""answer: picks up the call (an inbound channel rings until answered)."""

from flow_runtime.context import CallContext
from flow_runtime.nodes.answer import AnswerNode

node_type = "answer"


async def execute(params: AnswerNode, ctx: CallContext) -> str:
    await ctx.channel.answer()
    return "next"
