"""Checks a flow graph before it is saved or published and says what is wrong, in ru and en.

validate_flow() never raises on bad input: everything wrong becomes a ValidationIssue with a
stable code. Errors block publishing; warnings (unreachable blocks, unconnected outputs,
unknown variables) are shown but allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from flow_runtime.expressions import (
    CALL_VARIABLES,
    TENANT_VARIABLES,
    CompiledExpression,
    CompiledTemplate,
    ExpressionError,
    compile_expression,
    compile_template,
)
from flow_runtime.graph import FlowEdge, FlowGraph, FlowNode, cycles, reachable
from flow_runtime.nodes import NODE_TYPES, NodeDeclaration, Port
from flow_runtime.nodes.base import ASSIGNS, EXPRESSION, REF, TEMPLATE, marked_values
from flow_runtime.nodes.params import error_message, validate_params
from flow_runtime.nodes.start import StartNode

Severity = Literal["error", "warning"]

MAX_NODES = 2000
MAX_EDGES = 10_000

_PARAM_DETAIL = ("{detail}", "{detail}")

# code: (severity, English, Russian). Placeholders are filled per issue.
ISSUES: dict[str, tuple[Severity, str, str]] = {
    "graph.invalid": ("error", "Invalid flow structure: {detail}", "Неверная структура сценария: {detail}"),
    "graph.too_large": (
        "error",
        "The flow is too large: {nodes} blocks and {edges} links (at most {max_nodes} and {max_edges})",
        "Сценарий слишком большой: {nodes} блоков и {edges} связей (не более {max_nodes} и {max_edges})",
    ),
    "graph.duplicate_node_id": (
        "error",
        "Another block already has the id {id}",
        "Блок с идентификатором {id} уже есть",
    ),
    "graph.duplicate_edge_id": (
        "error",
        "Another link already has the id {id}",
        "Связь с идентификатором {id} уже есть",
    ),
    "graph.no_start": ("error", "The flow has no Start block", "В сценарии нет блока «Начало»"),
    "graph.multiple_starts": (
        "error",
        "The flow has more than one Start block",
        "В сценарии больше одного блока «Начало»",
    ),
    "graph.loop_without_wait": (
        "error",
        "Blocks {nodes} form a loop where the caller neither listens nor answers: the call would spin forever",
        "Блоки {nodes} образуют цикл, в котором абонент ничего не слышит и не вводит: вызов зациклится",
    ),
    "node.unknown_type": ("error", "Unknown block type {type}", "Неизвестный тип блока {type}"),
    "node.unknown_version": (
        "error",
        "Block type {type} has no version {version} (current: {current})",
        "У типа блока {type} нет версии {version} (текущая: {current})",
    ),
    "node.duplicate_output_name": (
        "error",
        "Two outputs are named “{output}”",
        "Два выхода с одинаковым названием «{output}»",
    ),
    "node.unreachable": (
        "warning",
        "No path from Start leads to this block",
        "Этот блок недостижим от блока «Начало»",
    ),
    "node.output_unconnected": (
        "warning",
        "Output “{output}” is not connected: on that path the call hangs up",
        "Выход «{output}» не подключён: на этом пути вызов завершится",
    ),
    "edge.unknown_source": (
        "error",
        "The link starts at a missing block {id}",
        "Связь начинается у несуществующего блока {id}",
    ),
    "edge.unknown_target": (
        "error",
        "The link leads to a missing block {id}",
        "Связь ведёт к несуществующему блоку {id}",
    ),
    "edge.unknown_output": ("error", "The block has no output “{output}”", "У блока нет выхода «{output}»"),
    "edge.output_already_connected": (
        "error",
        "Output “{output}” already has a link; an output leads to one block",
        "От выхода «{output}» уже есть связь; выход ведёт только к одному блоку",
    ),
    "params.missing": ("error", *_PARAM_DETAIL),
    "params.unknown_field": ("error", *_PARAM_DETAIL),
    "params.invalid": ("error", *_PARAM_DETAIL),
    "params.invalid_regex": ("error", *_PARAM_DETAIL),
    "params.invalid_timezone": ("error", *_PARAM_DETAIL),
    "params.invalid_range": ("error", *_PARAM_DETAIL),
    "expression.invalid": ("error", "Invalid expression: {detail}", "Ошибка в выражении: {detail}"),
    "template.invalid": ("error", "Invalid template: {detail}", "Ошибка в шаблоне: {detail}"),
    "variable.undefined": (
        "warning",
        "Unknown variable {variable}: {reason}",
        "Неизвестная переменная {variable}: {reason}",
    ),
    "ref.not_found": ("error", "Not found: {kind} {id}", "Не найдено: {kind} {id}"),
    "ref.self_subflow": (
        "error",
        "A flow cannot run itself as a subflow",
        "Сценарий не может запускать сам себя как вложенный",
    ),
}

_REF_KINDS = {
    "audio": {"en": "audio recording", "ru": "аудиозапись"},
    "queue": {"en": "queue", "ru": "очередь"},
    "flow": {"en": "flow", "ru": "сценарий"},
    "trunk": {"en": "trunk", "ru": "внешняя линия"},
}


@dataclass(frozen=True)
class ValidationIssue:
    code: str
    severity: Severity
    message: dict[str, str]  # {"ru": ..., "en": ...}
    node_id: str | None = None
    edge_id: str | None = None
    field: str | None = None  # parameter path, e.g. "keys.0" or "prompt.items.1.text"
    output: str | None = None  # output (handle) name the issue is about


@dataclass(frozen=True)
class ReferenceIndex:
    """What exists outside the graph. A None collection means: do not check that kind."""

    audio_ids: Collection[str] | None = None
    queue_ids: Collection[str] | None = None
    flow_ids: Collection[str] | None = None
    trunk_ids: Collection[str] | None = None
    contact_fields: Collection[str] | None = None  # fields of the contact list (contact.*)

    def known_ids(self, kind: str) -> Collection[str] | None:
        return {
            "audio": self.audio_ids,
            "queue": self.queue_ids,
            "flow": self.flow_ids,
            "trunk": self.trunk_ids,
        }[kind]


def has_errors(issues: Iterable[ValidationIssue]) -> bool:
    return any(issue.severity == "error" for issue in issues)


def validate_flow(
    graph: FlowGraph | dict[str, Any],
    refs: ReferenceIndex | None = None,
    *,
    flow_id: str | None = None,
) -> list[ValidationIssue]:
    """Everything wrong with a flow. `refs` None: references are not checked; `flow_id`: the
    id of the flow being validated, to catch a subflow block that runs the flow itself."""
    if not isinstance(graph, FlowGraph):
        try:
            graph = FlowGraph.model_validate(graph)
        except ValidationError as exc:
            return [_structure_issue(graph, error) for error in exc.errors(include_url=False)]
    if len(graph.nodes) > MAX_NODES or len(graph.edges) > MAX_EDGES:
        return [
            _issue(
                "graph.too_large",
                nodes=len(graph.nodes),
                edges=len(graph.edges),
                max_nodes=MAX_NODES,
                max_edges=MAX_EDGES,
            )
        ]
    return _FlowCheck(graph, refs, flow_id).run()


def _structure_issue(raw: Any, error: Any) -> ValidationIssue:
    """graph.invalid, pinned to the node or edge whose id is readable, for the editor."""
    location = error["loc"]
    item_id = None
    if len(location) >= 2 and location[0] in ("nodes", "edges") and isinstance(location[1], int):
        try:
            item_id = raw[location[0]][location[1]]["id"]
        except (KeyError, IndexError, TypeError):
            pass
    item_id = item_id if isinstance(item_id, str) else None
    return _issue(
        "graph.invalid",
        node_id=item_id if location[0] == "nodes" else None,
        edge_id=item_id if location[0] == "edges" else None,
        field=".".join(map(str, location)),
        detail=error_message(error),
    )


def _issue(
    code: str,
    *,
    node_id: str | None = None,
    edge_id: str | None = None,
    field: str | None = None,
    output: str | None = None,
    **values: Any,
) -> ValidationIssue:
    """An issue with its messages; a value may be a {"ru", "en"} dict to localise it."""
    severity, english, russian = ISSUES[code]
    values["output"] = output

    def localised(language: str) -> dict[str, Any]:
        return {key: value[language] if isinstance(value, dict) else value for key, value in values.items()}

    message = {"ru": russian.format_map(localised("ru")), "en": english.format_map(localised("en"))}
    return ValidationIssue(code, severity, message, node_id, edge_id, field, output)


class _FlowCheck:
    """One validation run; each _check_* step adds issues and builds what later steps use."""

    def __init__(self, graph: FlowGraph, refs: ReferenceIndex | None, flow_id: str | None) -> None:
        self.graph = graph
        self.refs = refs
        self.flow_id = flow_id
        self.issues: list[ValidationIssue] = []
        self.nodes: dict[str, FlowNode] = {}  # the first node of each id
        self.params: dict[str, NodeDeclaration] = {}  # nodes whose parameters are valid
        self.ports: dict[str, dict[str, Port]] = {}  # their outputs by name
        self.edges: list[FlowEdge] = []  # links between existing blocks from existing outputs
        self.connected: set[tuple[str, str]] = set()  # (node id, output) pairs with a link
        self.starts: list[str] = []

    def run(self) -> list[ValidationIssue]:
        self._check_nodes()
        self._check_start()
        self._check_edges()
        self._check_unconnected_outputs()
        self._check_reachability()
        self._check_loops()
        self._check_values()
        return self.issues

    def _check_nodes(self) -> None:
        for node in self.graph.nodes:
            if node.id in self.nodes:
                self.issues.append(_issue("graph.duplicate_node_id", node_id=node.id, id=node.id))
                continue
            self.nodes[node.id] = node
            declaration = NODE_TYPES.get(node.type)
            if declaration is None:
                self.issues.append(_issue("node.unknown_type", node_id=node.id, type=node.type))
            elif node.type_version != declaration.type_version:
                self.issues.append(
                    _issue(
                        "node.unknown_version",
                        node_id=node.id,
                        type=node.type,
                        version=node.type_version,
                        current=declaration.type_version,
                    )
                )
            else:
                self._check_params(node, declaration)

    def _check_params(self, node: FlowNode, declaration: type[NodeDeclaration]) -> None:
        params, errors = validate_params(declaration, node.params)
        for error in errors:
            # A code our validators raise but the table lacks must not break saving.
            code = error.code if error.code in ISSUES else "params.invalid"
            self.issues.append(_issue(code, node_id=node.id, field=error.field, detail=error.message))
        if params is None:
            return
        self.params[node.id] = params
        ports: dict[str, Port] = {}
        for port in declaration.ports(params):
            if port.name in ports:
                field = port.field or ports[port.name].field  # point at the parameter entry
                self.issues.append(_issue("node.duplicate_output_name", node_id=node.id, field=field, output=port.name))
            ports.setdefault(port.name, port)
        self.ports[node.id] = ports

    def _check_start(self) -> None:
        self.starts = [node_id for node_id, node in self.nodes.items() if node.type == StartNode.type]
        if not self.starts:
            self.issues.append(_issue("graph.no_start"))
        for extra_start in self.starts[1:]:
            self.issues.append(_issue("graph.multiple_starts", node_id=extra_start))

    def _check_edges(self) -> None:
        edge_ids: set[str] = set()
        for edge in self.graph.edges:
            if edge.id in edge_ids:
                self.issues.append(_issue("graph.duplicate_edge_id", edge_id=edge.id, id=edge.id))
                continue
            edge_ids.add(edge.id)
            if edge.source not in self.nodes:
                self.issues.append(_issue("edge.unknown_source", edge_id=edge.id, id=edge.source))
            if edge.target not in self.nodes:
                self.issues.append(_issue("edge.unknown_target", edge_id=edge.id, id=edge.target))
            if edge.source not in self.nodes or edge.target not in self.nodes:
                continue
            output = (edge.source, edge.sourceHandle)
            ports = self.ports.get(edge.source)
            if ports is not None and edge.sourceHandle not in ports:
                self.issues.append(
                    _issue("edge.unknown_output", edge_id=edge.id, node_id=edge.source, output=edge.sourceHandle)
                )
                continue
            if output in self.connected:
                self.issues.append(
                    _issue(
                        "edge.output_already_connected",
                        edge_id=edge.id,
                        node_id=edge.source,
                        output=edge.sourceHandle,
                    )
                )
                continue
            self.connected.add(output)
            self.edges.append(edge)

    def _check_unconnected_outputs(self) -> None:
        # A subflow returns to the calling flow at an unconnected output: nothing hangs up there.
        if any(isinstance(params, StartNode) and params.trigger == "subflow" for params in self.params.values()):
            return
        for node_id, ports in self.ports.items():
            for port in ports.values():
                if not port.optional and (node_id, port.name) not in self.connected:
                    self.issues.append(_issue("node.output_unconnected", node_id=node_id, output=port.name))

    def _check_reachability(self) -> None:
        if not self.starts:
            return  # already an error; every block would be "unreachable"
        successors: dict[str, list[str]] = {}
        for edge in self.edges:
            successors.setdefault(edge.source, []).append(edge.target)
        reached = reachable(self.starts, successors)
        for node_id in self.nodes:
            if node_id not in reached:
                self.issues.append(_issue("node.unreachable", node_id=node_id))

    def _check_loops(self) -> None:
        """A loop is fine when some link in it leaves an output that implies the caller waited
        (audio played, input awaited, phone rang); loops of instant links spin the CPU."""
        instant: dict[str, list[str]] = {}
        for edge in self.edges:
            port = self.ports.get(edge.source, {}).get(edge.sourceHandle)
            # Outputs of blocks with invalid parameters are unknown: no loop is claimed for them.
            if port is not None and not port.waits:
                instant.setdefault(edge.source, []).append(edge.target)
        for component in cycles(self.nodes, instant):
            members = [node_id for node_id in self.nodes if node_id in component]  # graph order
            self.issues.append(_issue("graph.loop_without_wait", node_id=members[0], nodes=", ".join(members)))

    def _check_values(self) -> None:
        """Expressions, templates, references and the variables they read."""
        set_variables = {
            value.value
            for params in self.params.values()
            for value in marked_values(params)
            if ASSIGNS in value.markers
        }
        for node_id, params in self.params.items():
            for value in marked_values(params):
                read: Collection[str] = ()
                if EXPRESSION in value.markers:
                    read = self._compile(compile_expression, "expression.invalid", node_id, value.path, value.value)
                elif TEMPLATE in value.markers:
                    read = self._compile(compile_template, "template.invalid", node_id, value.path, value.value)
                elif REF in value.markers:
                    self._check_reference(node_id, value.path, value.markers[REF], value.value)
                for variable in sorted(read):
                    reason = self._unknown_variable_reason(variable, set_variables)
                    if reason is not None:
                        self.issues.append(
                            _issue(
                                "variable.undefined",
                                node_id=node_id,
                                field=value.path,
                                variable=variable,
                                reason=reason,
                            )
                        )

    def _compile(
        self,
        compile_: Callable[[str], CompiledExpression | CompiledTemplate],
        code: str,
        node_id: str,
        path: str,
        source: str,
    ) -> Collection[str]:
        """The variables `source` reads, or none after recording why it does not compile."""
        try:
            return compile_(source).variables
        except ExpressionError as exc:
            self.issues.append(_issue(code, node_id=node_id, field=path, detail=exc.message))
            return ()

    def _check_reference(self, node_id: str, path: str, kind: str, object_id: str) -> None:
        if kind == "flow" and self.flow_id is not None and object_id == self.flow_id:
            self.issues.append(_issue("ref.self_subflow", node_id=node_id, field=path))
            return
        known = None if self.refs is None else self.refs.known_ids(kind)
        if known is not None and object_id not in known:
            self.issues.append(
                _issue("ref.not_found", node_id=node_id, field=path, kind=_REF_KINDS[kind], id=object_id)
            )

    def _unknown_variable_reason(self, variable: str, set_variables: set[str]) -> dict[str, str] | None:
        namespace, _, rest = variable.partition(".")
        name = rest.split(".", 1)[0]
        if namespace == "flow" and name not in set_variables:
            return {
                "en": "no block of this flow sets it "
                "(Set variable, Collect digits, Record, HTTP request, Start inputs)",
                "ru": "её не задаёт ни один блок сценария (Задать переменную, Ввод цифр, Записать сообщение, "
                "HTTP-запрос, входные переменные блока «Начало»)",
            }
        if namespace == "call" and name not in CALL_VARIABLES:
            known = ", ".join(CALL_VARIABLES)
            return {"en": f"calls have {known}", "ru": f"у вызова есть {known}"}
        if namespace == "tenant" and name not in TENANT_VARIABLES:
            known = ", ".join(TENANT_VARIABLES)
            return {"en": f"organisations have {known}", "ru": f"у организации есть {known}"}
        contact_fields = None if self.refs is None else self.refs.contact_fields
        if namespace == "contact" and contact_fields is not None and name not in contact_fields:
            return {"en": "the contact list has no such field", "ru": "в списке оповещения нет такого поля"}
        return None
