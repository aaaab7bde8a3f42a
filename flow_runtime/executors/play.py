"""play: plays recordings and synthesised text; with barge-in a key press stops it."""

from flow_runtime.context import CallContext
from flow_runtime.executors.prompts import play_prompt
from flow_runtime.nodes.play import PlayNode

node_type = "play"


async def execute(params: PlayNode, ctx: CallContext) -> str:
    pressed = await play_prompt(params.prompt, ctx, barge_in=params.barge_in)
    if pressed is None:
        return "done"
    ctx.channel.take_buffered_digit()
    ctx.variables.setdefault("call", {})["last_dtmf"] = pressed
    return "dtmf"
