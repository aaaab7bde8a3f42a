"""Which outside objects (audio assets, queues, subflows, trunks) a flow graph refers to.

The declarations mark reference fields (``x-ref``); this reads them generically, so the API can refuse
to delete an object a published flow uses without knowing any node type by name."""

from __future__ import annotations

from collections import defaultdict

from pydantic import ValidationError

from flow_runtime.graph import FlowGraph
from flow_runtime.nodes.base import REF, marked_values
from flow_runtime.nodes.registry import NODE_TYPES


def graph_references(graph: FlowGraph | dict) -> dict[str, set[str]]:
    """``{kind: {ids}}`` over the nodes whose parameters are valid (an invalid node refers to nothing yet)."""
    if not isinstance(graph, FlowGraph):
        graph = FlowGraph.model_validate(graph)
    found: dict[str, set[str]] = defaultdict(set)
    for node in graph.nodes:
        declaration = NODE_TYPES.get(node.type)
        if declaration is None:
            continue
        try:
            params = declaration.model_validate(node.params)
        except ValidationError:
            continue
        for marked in marked_values(params):
            if REF in marked.markers and isinstance(marked.value, str):
                found[marked.markers[REF]].add(marked.value)
    return dict(found)
