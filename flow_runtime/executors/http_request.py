"""http_request: calls an API through RuntimeServices.http_request (see flow_runtime.http_guard) and
saves values of its JSON answer into flow variables.

"ok" for a 2xx answer; "error" for any other status (3xx included: redirects are not followed), a
refused address or a failed connection; "timeout" when no answer came in time. Values are saved from
a 2xx answer only; a path the answer lacks saves None, so no value of an earlier call survives.
"""

import logging
from typing import Any

from flow_runtime.context import CallContext, HttpTimeout, NodeError
from flow_runtime.nodes.http_request import HttpRequestNode

node_type = "http_request"
logger = logging.getLogger(__name__)


def value_at(document: Any, path: str) -> Any:
    """The value at a dotted path such as data.items.0.name (dict keys, list indexes), else None."""
    value = document
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


async def execute(params: HttpRequestNode, ctx: CallContext) -> str:
    url = ctx.render(params.url)
    headers = {header.name: ctx.render(header.value) for header in params.headers}
    body = None if params.body is None else ctx.render(params.body)
    try:
        response = await ctx.services.http_request(ctx.tenant, params.method, url, headers, body, params.timeout)
    except HttpTimeout:
        return "timeout"
    except NodeError as error:
        # A failing API is an expected branch of the flow, not a failure of the node; the reason
        # (which names the host only, never the URL or headers) is kept for the operators.
        logger.info("call %s: http_request failed: %s", ctx.call_id, error)
        return "error"
    if not 200 <= response.status < 300:
        return "error"
    for mapping in params.response_mapping:
        ctx.set_flow_variable(mapping.variable, value_at(response.body, mapping.path))
    return "ok"
