"""The node catalog: every node type by name, and its JSON description for the editor."""

from __future__ import annotations

import copy
import functools
from typing import Any

from flow_runtime.nodes import (
    answer,
    callback_request,
    caller_match,
    collect,
    condition,
    hangup,
    http_request,
    menu,
    play,
    queue,
    record,
    say,
    set_result,
    set_variable,
    start,
    subflow,
    switch,
    time_condition,
    transfer,
)
from flow_runtime.nodes.base import CATEGORIES, NodeDeclaration

# Palette order: the editor lists node types in this order.
_DECLARATIONS: tuple[type[NodeDeclaration], ...] = (
    start.StartNode,
    answer.AnswerNode,
    play.PlayNode,
    say.SayNode,
    menu.MenuNode,
    collect.CollectNode,
    record.RecordNode,
    set_variable.SetVariableNode,
    condition.ConditionNode,
    switch.SwitchNode,
    time_condition.TimeConditionNode,
    caller_match.CallerMatchNode,
    http_request.HttpRequestNode,
    transfer.TransferNode,
    queue.QueueNode,
    callback_request.CallbackRequestNode,
    set_result.SetResultNode,
    subflow.SubflowNode,
    hangup.HangupNode,
)

NODE_TYPES: dict[str, type[NodeDeclaration]] = {declaration.type: declaration for declaration in _DECLARATIONS}


def get_node_type(name: str) -> type[NodeDeclaration]:
    """The declaration of a node type; KeyError names the unknown type."""
    try:
        return NODE_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown node type {name!r}") from None


def catalog() -> list[dict[str, Any]]:
    """What GET /api/node-types returns: one JSON-serialisable entry per node type."""
    return copy.deepcopy(_catalog())


@functools.cache
def _catalog() -> list[dict[str, Any]]:
    return [_entry(declaration) for declaration in _DECLARATIONS]


def _entry(declaration: type[NodeDeclaration]) -> dict[str, Any]:
    return {
        "type": declaration.type,
        "type_version": declaration.type_version,
        "category": declaration.category,
        "category_title": CATEGORIES[declaration.category].as_dict(),
        "title": declaration.title.as_dict(),
        "description": declaration.description.as_dict(),
        "icon": declaration.icon,
        "json_schema": declaration.json_schema(),
        "outputs": declaration.outputs_description(),
        "summary_fields": list(declaration.summary_fields),
    }
