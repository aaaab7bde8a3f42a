"""record: records the caller after a beep into a WAV kept in the tenant's storage."""

from flow_runtime.context import CallContext
from flow_runtime.executors.prompts import play_prompt
from flow_runtime.nodes.record import RecordNode

node_type = "record"


async def execute(params: RecordNode, ctx: CallContext) -> str:
    await play_prompt(params.prompt, ctx, barge_in=False)
    name = f"{ctx.call_id}-{len(ctx.trace)}"
    result = await ctx.channel.record(name, max_seconds=params.max_seconds,
                                      silence_seconds=params.silence_seconds or None, finish_key=params.finish_key)
    if result.name is None:
        return "no_input"
    reference = await ctx.services.save_recording(ctx.tenant, ctx.call_id, result.name)
    ctx.set_flow_variable(params.variable, reference)
    return "recorded"
