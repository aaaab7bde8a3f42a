"""transfer: calls the destination, bridges it with the caller when answered, and reports busy /
no_answer / failed from the real outcome."""

from flow_runtime.context import CallContext, NodeError
from flow_runtime.nodes.transfer import TransferNode

node_type = "transfer"
DEFAULT_TRUNK = "voxflow-trunk"


def dial_endpoint(params: TransferNode, target: str, tenant_slug: str) -> str:
    """The PJSIP dial string; phones are named <tenant slug>-<extension> (see asterisk-templates)."""
    if params.target_kind == "extension":
        return f"PJSIP/{tenant_slug}-{target}"
    trunk = params.trunk or DEFAULT_TRUNK
    if params.target_kind == "external":
        return f"PJSIP/{target}@{trunk}"
    return f"PJSIP/{trunk}/{target if target.startswith('sip:') else 'sip:' + target}"


async def execute(params: TransferNode, ctx: CallContext) -> str:
    target = ctx.render(params.target).strip()
    if not target:
        raise NodeError("the transfer destination is empty")
    caller_id = ctx.render(params.caller_id) if params.caller_id else ctx.channel.info.caller
    result = await ctx.channel.dial_and_bridge(dial_endpoint(params, target, ctx.tenant.slug),
                                               caller_id=caller_id or None, timeout=params.ring_timeout)
    return result.outcome.value
