"""collect: reads digits into a flow variable, checked against length and an optional pattern."""

import re

from flow_runtime.context import CallContext
from flow_runtime.executors.prompts import play_prompt
from flow_runtime.nodes.collect import CollectNode
from flow_runtime.telephony.port import CollectEnd

node_type = "collect"


async def execute(params: CollectNode, ctx: CallContext) -> str:
    await play_prompt(params.prompt, ctx)
    result = await ctx.channel.collect(max_digits=params.max_digits, terminator=params.terminator,
                                       first_timeout=params.digit_timeout, inter_digit_timeout=params.digit_timeout,
                                       total_timeout=params.total_timeout)
    if not result.digits:
        return "timeout"
    entered = result.digits + (params.terminator or "" if result.ended_by == CollectEnd.terminator else "")
    ctx.variables.setdefault("call", {})["last_dtmf"] = result.digits[-1]
    if len(result.digits) < params.min_digits:
        return "invalid"
    if params.pattern and not (re.fullmatch(params.pattern, entered) or re.fullmatch(params.pattern, result.digits)):
        return "invalid"
    ctx.set_flow_variable(params.variable, result.digits)
    return "ok"
