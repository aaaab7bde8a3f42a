"""callback_request: files a callback request (заявка на обратный звонок) for the caller's number or
the number in a variable, then goes on to "done"."""

from flow_runtime.context import CallContext, NodeError
from flow_runtime.expressions import to_text
from flow_runtime.nodes.callback_request import CallbackRequestNode

node_type = "callback_request"


async def execute(params: CallbackRequestNode, ctx: CallContext) -> str:
    if params.number_source == "caller_id":
        number = ctx.variables.get("call", {}).get("caller")
    else:
        number = ctx.evaluate(params.number_variable)
    note = None if params.note is None else ctx.render(params.note)
    number = to_text(number).strip()
    # A hidden caller id arrives as "anonymous" or "unknown": nobody can call that back.
    if not any(character.isdigit() for character in number):
        raise NodeError(
            f"No number to call back (got {number!r})",
            f"Нет номера для обратного звонка (получено {number!r})",
        )
    await ctx.services.file_callback(ctx.tenant, ctx.call_id, number, note)
    return "done"
