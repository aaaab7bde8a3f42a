"""menu: plays the prompt and waits for one of the configured keys, repeating after silence or a wrong
key; type-ahead (a key pressed during the prompt) counts."""

from flow_runtime.context import CallContext
from flow_runtime.executors.prompts import play_prompt
from flow_runtime.nodes.menu import MenuNode

node_type = "menu"


async def execute(params: MenuNode, ctx: CallContext) -> str:
    failure = "timeout"
    for attempt in range(params.retries + 1):
        await play_prompt(params.prompt, ctx)
        result = await ctx.channel.collect(max_digits=1, terminator=None, first_timeout=params.timeout,
                                           inter_digit_timeout=params.timeout)
        key = result.digits
        if key:
            ctx.variables.setdefault("call", {})["last_dtmf"] = key
        if key in params.keys:
            return key
        failure = "invalid" if key else "timeout"
        if attempt < params.retries:
            await play_prompt(params.invalid_prompt if key else params.timeout_prompt, ctx, barge_in=False)
    return failure
