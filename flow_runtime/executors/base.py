"""The executor contract: one module per node type, each exposing

    node_type: str                      # the declaration it executes, e.g. "condition"
    async def execute(params, ctx) -> str

``params`` is the node's validated declaration instance (e.g. ``ConditionNode``); ``ctx`` is the
:class:`~flow_runtime.context.CallContext`. The returned string is the output to follow. Raise
``NodeError`` for a failure the flow may handle (its ``error`` output); ``CallerHungUp`` passes through.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from flow_runtime.context import CallContext

Execute = Callable[[Any, CallContext], Awaitable[str]]
