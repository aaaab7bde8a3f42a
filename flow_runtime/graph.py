"""The flow graph exactly as the @xyflow/react editor saves it, and the graph walks we need.

Node parameters stay an untyped dict here: a graph whose parameters are wrong can still be
saved as a draft, and flow_runtime.validation reports what is wrong with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

ObjectId = Annotated[str, StringConstraints(min_length=1, max_length=64)]

# Keys of a node's `data` that are not parameters of its type.
LABEL_KEY = "label"
TYPE_VERSION_KEY = "type_version"
MAX_LABEL_LENGTH = 100


class _GraphModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Position(_GraphModel):
    x: float = Field(allow_inf_nan=False)
    y: float = Field(allow_inf_nan=False)


class FlowNode(_GraphModel):
    id: ObjectId
    type: ObjectId
    position: Position
    # {...parameters, optional "label": text on the card, optional "type_version": int (default 1)}
    data: dict[str, Any] = {}

    @field_validator("data")
    @classmethod
    def _reserved_keys(cls, data: dict[str, Any]) -> dict[str, Any]:
        # ctx["ru"] carries the Russian message, as in node parameter errors.
        label = data.get(LABEL_KEY)
        if label is not None and not (isinstance(label, str) and len(label) <= MAX_LABEL_LENGTH):
            raise PydanticCustomError(
                "invalid_label",
                f"label must be text of at most {MAX_LABEL_LENGTH} characters",
                {"ru": f"Подпись блока — текст не длиннее {MAX_LABEL_LENGTH} символов"},
            )
        version = data.get(TYPE_VERSION_KEY, 1)
        if not (type(version) is int and version >= 1):
            raise PydanticCustomError(
                "invalid_type_version",
                "type_version must be a positive integer",
                {"ru": "type_version должен быть положительным целым числом"},
            )
        return data

    @property
    def params(self) -> dict[str, Any]:
        return {key: value for key, value in self.data.items() if key not in (LABEL_KEY, TYPE_VERSION_KEY)}

    @property
    def type_version(self) -> int:
        return self.data.get(TYPE_VERSION_KEY, 1)


class FlowEdge(_GraphModel):
    id: ObjectId
    source: ObjectId
    sourceHandle: ObjectId  # noqa: N815 - the editor's key; it names the source node's output
    target: ObjectId


class FlowGraph(_GraphModel):
    nodes: list[FlowNode] = []
    edges: list[FlowEdge] = []


def reachable(starts: Iterable[str], successors: Mapping[str, Iterable[str]]) -> set[str]:
    """Node ids reachable from `starts` (included) along `successors`."""
    seen = set(starts)
    pending = list(seen)
    while pending:
        for following in successors.get(pending.pop(), ()):
            if following not in seen:
                seen.add(following)
                pending.append(following)
    return seen


def cycles(node_ids: Iterable[str], successors: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Groups of nodes that lie on a common cycle (strongly connected components with a cycle).

    Iterative Tarjan: a recursive one would hit Python's recursion limit on large graphs.
    """
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in node_ids:
        if root in index:
            continue
        work = [(root, iter(successors.get(root, ())))]
        index[root] = lowlink[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowlink[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                elif child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in successors.get(node, ()):
                    found.append(component)
    return found
