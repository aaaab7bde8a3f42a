"""validate_flow behaviour beyond the fixtures: inputs, limits, references, loops, messages."""

import dataclasses
import json
import re
from pathlib import Path

from flow_runtime.graph import FlowGraph
from flow_runtime.validation import (
    ISSUES,
    MAX_NODES,
    ReferenceIndex,
    ValidationIssue,
    has_errors,
    validate_flow,
)

from .flow_fixtures import BAD_FIXTURES, FIXTURES, load_fixture

DOCS = Path(__file__).parents[2] / "docs" / "flow-model.md"
TTS = {"items": [{"kind": "tts", "text": "Подождите"}]}


def node(node_id, node_type, **data):
    return {"id": node_id, "type": node_type, "position": {"x": 0, "y": 0}, "data": data}


def edge(source, handle, target):
    return {"id": f"{source}.{handle}", "source": source, "sourceHandle": handle, "target": target}


def codes(issues):
    return sorted(issue.code for issue in issues)


def test_accepts_a_graph_model_or_a_plain_dict_alike():
    graph = load_fixture(FIXTURES / "bad" / "dangling_and_wrong_edges.json")["graph"]
    assert validate_flow(FlowGraph.model_validate(graph)) == validate_flow(graph)


def test_too_large_graph_is_one_error_without_further_work():
    nodes = [node("start", "start")] + [node(f"n{index}", "no_such_type") for index in range(MAX_NODES)]
    issues = validate_flow({"nodes": nodes, "edges": []})
    assert codes(issues) == ["graph.too_large"]
    assert "2001" in issues[0].message["en"] and "2001" in issues[0].message["ru"]


def test_largest_allowed_graph_validates_quickly():
    import time

    nodes = [node("start", "start")] + [node(f"n{index}", "play", prompt=TTS) for index in range(MAX_NODES - 2)]
    nodes.append(node("bye", "hangup"))
    chain = ["start", *(f"n{index}" for index in range(MAX_NODES - 2)), "bye"]
    edges = [edge(source, "next" if source == "start" else "done", target) for source, target in zip(chain, chain[1:])]
    started = time.perf_counter()
    assert validate_flow({"nodes": nodes, "edges": edges}) == []
    assert time.perf_counter() - started < 2


def test_references_are_checked_only_for_the_kinds_the_index_knows():
    graph = load_fixture(FIXTURES / "bad" / "missing_references.json")["graph"]
    assert [issue for issue in validate_flow(graph) if issue.code.startswith("ref.")] == []
    only_queues = validate_flow(graph, ReferenceIndex(queue_ids={"support"}))
    assert [(issue.code, issue.field) for issue in only_queues] == [("ref.not_found", "queue_id")]


def test_contact_fields_are_unknown_until_the_index_lists_them():
    graph = {
        "nodes": [
            node("start", "start"),
            node("hello", "play", prompt={"items": [{"kind": "tts", "text": "{{contact.nickname}}"}]}),
        ],
        "edges": [edge("start", "next", "hello")],
    }
    assert [issue for issue in validate_flow(graph) if issue.code == "variable.undefined"] == []
    assert [issue for issue in validate_flow(graph, ReferenceIndex()) if issue.code == "variable.undefined"] == []
    flagged = validate_flow(graph, ReferenceIndex(contact_fields={"name"}))
    assert [(issue.code, issue.severity, issue.field) for issue in flagged if issue.code == "variable.undefined"] == [
        ("variable.undefined", "warning", "prompt.items.0.text")
    ]


def test_flow_variables_count_as_set_wherever_in_the_graph_they_are_set():
    graph = {
        "nodes": [
            node("start", "start"),
            node("check", "condition", expression="flow.pin == '1234' and flow.total > 0 and flow.rec != ''"),
            node("pin", "collect", variable="pin"),
            node("sum", "set_variable", assignments=[{"variable": "total", "expression": "1"}]),
            node("rec", "record", variable="rec"),
        ],
        "edges": [edge("start", "next", "check")],
    }
    assert [issue for issue in validate_flow(graph) if issue.code == "variable.undefined"] == []


def test_loop_through_instant_queue_outputs_spins_but_through_its_wait_does_not():
    def queue_loop(handle):
        graph = {
            "nodes": [node("start", "start"), node("q", "queue", queue_id="support"), node("bye", "hangup")],
            "edges": [edge("start", "next", "q"), edge("q", handle, "q")]
            + [edge("q", other, "bye") for other in ("answered", "timeout", "no_agents", "full") if other != handle],
        }
        return codes(validate_flow(graph))

    assert queue_loop("no_agents") == ["graph.loop_without_wait"]
    assert queue_loop("timeout") == []


def test_menu_retry_loop_is_fine_but_a_switch_loop_is_not():
    menu_loop = {
        "nodes": [node("start", "start"), node("menu", "menu", prompt=TTS, keys=["1"]), node("bye", "hangup")],
        "edges": [
            edge("start", "next", "menu"),
            edge("menu", "1", "bye"),
            edge("menu", "timeout", "menu"),
            edge("menu", "invalid", "menu"),
        ],
    }
    assert validate_flow(menu_loop) == []
    switch_loop = {
        "nodes": [
            node("start", "start"),
            node("sw", "switch", value="flow.x", cases=["a"]),
            node("set", "set_variable", assignments=[{"variable": "x", "expression": "'a'"}]),
        ],
        "edges": [
            edge("start", "next", "set"),
            edge("set", "next", "sw"),
            edge("sw", "a", "set"),
            edge("sw", "default", "sw"),
        ],
    }
    loops = [issue for issue in validate_flow(switch_loop) if issue.code == "graph.loop_without_wait"]
    assert [issue.node_id for issue in loops] == ["sw"]  # one issue for the one strongly connected group
    assert "sw, set" in loops[0].message["en"]


def test_warnings_alone_do_not_block_publishing():
    warnings_only = validate_flow(load_fixture(FIXTURES / "bad" / "unreachable_and_unconnected.json")["graph"])
    assert warnings_only and not has_errors(warnings_only)
    assert has_errors(validate_flow({"nodes": [], "edges": []}))


def test_issues_serialise_to_json_for_the_api():
    issues = validate_flow(load_fixture(FIXTURES / "bad" / "invalid_menu_params.json")["graph"])
    payload = json.loads(json.dumps([dataclasses.asdict(issue) for issue in issues], ensure_ascii=False))
    assert payload[0]["message"]["ru"] and payload[0]["field"] == "prompt.items.1.text"


def test_every_code_has_a_severity_and_messages_in_both_languages():
    for code, (severity, english, russian) in ISSUES.items():
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", code)
        assert severity in ("error", "warning")
        assert english.strip() and russian.strip()


def test_every_code_is_produced_by_some_fixture_or_test_here():
    produced = {"graph.too_large"}  # test_too_large_graph_is_one_error_without_further_work
    for path in BAD_FIXTURES:
        produced |= {expectation["code"] for expectation in load_fixture(path)["expect"]}
    assert produced == set(ISSUES)


def test_every_code_is_documented():
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert set(ISSUES) <= documented


def test_issue_carries_location_fields():
    issue = ValidationIssue("node.unreachable", "warning", {"ru": "…", "en": "…"}, node_id="x")
    assert (issue.edge_id, issue.field, issue.output) == (None, None, None)
