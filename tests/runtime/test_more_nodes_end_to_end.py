"""More node types end to end through the sandbox: collect, record, transfer outcomes, say, subflow, and a
caller hanging up at every node type."""

from __future__ import annotations

import pytest

from flow_runtime.call_records import CallRecord
from flow_runtime.executors import EXECUTORS, NOT_YET_EXECUTABLE
from flow_runtime.nodes.registry import NODE_TYPES
from tests.flows.graphs import edge, node
from tests.runtime.conftest import ended, place, played_texts, publish_on_number, wait_until
from tests.runtime.test_calls_end_to_end import record_of, tts


def test_every_declared_node_type_has_an_executor():
    assert set(NODE_TYPES) - set(EXECUTORS) == set(NOT_YET_EXECUTABLE)


def linear(*nodes: dict, outputs: dict[str, str] | None = None) -> dict:
    """start → answer → the given nodes in order (each by its main output) → hangup."""
    outputs = outputs or {}
    chain = [node("start", "start", trigger="inbound_number"), node("answer", "answer"), *nodes, node("bye", "hangup")]
    edges = [edge("start", "next", "answer")]
    for current, following in zip(chain[1:], chain[2:]):
        edges.append(edge(current["id"], outputs.get(current["id"], "next"), following["id"]))
    return {"nodes": chain, "edges": edges}


async def test_collect_stores_digits_and_say_reads_them_back(make_tenant, runtime, control):
    tenant = await make_tenant()
    graph = linear(
        node("pin", "collect", prompt=tts("Введите номер договора и решётку."), variable="contract",
             max_digits=6, terminator="#", digit_timeout=2, total_timeout=10),
        node("readback", "say", kind="digits", value="flow.contract", language="ru"),
        outputs={"pin": "ok", "readback": "done"})
    _, number = await publish_on_number(tenant, graph)
    channel = await place(control, number)

    async def asked():
        return "Введите номер договора и решётку." in await played_texts(control, channel)
    await wait_until(asked)
    await control.press(channel, "4512#", gap_ms=50)
    call = await wait_until(lambda: ended(control, channel))
    assert "4 5 1 2" in [e.get("text") for e in call["transcript"] if e["event"] == "PlaybackStarted"]
    record = await record_of(channel)
    assert record.variables["flow"]["contract"] == "4512"


async def test_record_stores_a_wav_for_the_tenant(make_tenant, runtime, control, settings):
    tenant = await make_tenant()
    graph = linear(node("rec", "record", prompt=tts("Оставьте сообщение после сигнала."), max_seconds=2,
                        silence_seconds=0, variable="message"), outputs={"rec": "recorded"})
    _, number = await publish_on_number(tenant, graph)
    channel = await place(control, number)
    await wait_until(lambda: ended(control, channel), timeout=15)
    record = await record_of(channel)
    reference = record.variables["flow"]["message"]
    from flow_runtime.media_paths import recordings_folder

    wav = recordings_folder(settings.data_dir, tenant.id) / f"{reference}.wav"
    assert wav.exists() and wav.read_bytes()[:4] == b"RIFF"


@pytest.mark.parametrize("outcome,expected", [("answer", "answered"), ("busy", "busy"),
                                              ("no_answer", "no_answer"), ("congestion", "failed")])
async def test_transfer_reports_the_real_outcome(make_tenant, runtime, control, outcome, expected):
    tenant = await make_tenant()
    target = f"7495{abs(hash(outcome)) % 10_000_000:07d}"
    graph = {"nodes": [node("start", "start", trigger="inbound_number"), node("answer", "answer"),
                       node("xfer", "transfer", target_kind="external", target=target, ring_timeout=5),
                       *[node(f"after_{o}", "set_result", outcome="custom", custom_label=o)
                         for o in ("answered", "busy", "no_answer", "failed")], node("bye", "hangup")],
             "edges": [edge("start", "next", "answer"), edge("answer", "next", "xfer"),
                       *[edge("xfer", o, f"after_{o}") for o in ("answered", "busy", "no_answer", "failed")],
                       *[edge(f"after_{o}", "next", "bye") for o in ("answered", "busy", "no_answer", "failed")]]}
    _, number = await publish_on_number(tenant, graph)
    rule = {"match": f"*{target}*", "outcome": outcome}
    if outcome == "answer":
        rule["actions"] = [{"at_seconds": 10, "hangup_cause": 16}]  # sandbox seconds: 0.5 s here
    await control.set_outcomes([rule])
    channel = await place(control, number)
    await wait_until(lambda: ended(control, channel), timeout=20)
    record = await record_of(channel)
    assert record.result["label"] == expected, record.trace


async def test_subflow_runs_and_returns(make_tenant, runtime, control):
    tenant = await make_tenant()
    child_graph = {"nodes": [node("s", "start", trigger="subflow", inputs=[{"name": "greeting"}]),
                             node("p", "play", prompt=tts("{{flow.greeting}} из вложенного сценария"))],
                   "edges": [edge("s", "next", "p")]}
    child = await tenant.admin.post("/api/flows", json={"name": "child", "graph": child_graph})
    await tenant.admin.post(f"/api/flows/{child.json()['id']}/publish", json={})
    graph = linear(node("sub", "subflow", flow_id=child.json()["id"],
                        parameters=[{"name": "greeting", "expression": "'Привет'"}]),
                   node("after", "play", prompt=tts("Снова в основном сценарии")),
                   outputs={"sub": "done", "after": "done"})
    _, number = await publish_on_number(tenant, graph)
    channel = await place(control, number)
    call = await wait_until(lambda: ended(control, channel))
    texts = [e.get("text") for e in call["transcript"] if e["event"] == "PlaybackStarted"]
    assert texts == ["Привет из вложенного сценария", "Снова в основном сценарии"]


async def test_a_failing_node_without_error_path_announces_and_hangs_up(make_tenant, runtime, control):
    tenant = await make_tenant()
    graph = linear(node("boom", "set_variable", assignments=[{"variable": "x", "expression": "1 / 0"}]))
    _, number = await publish_on_number(tenant, graph)
    channel = await place(control, number)
    call = await wait_until(lambda: ended(control, channel))
    assert "Извините, произошла ошибка. До свидания." in [e.get("text") for e in call["transcript"]]
    record = await record_of(channel)
    assert record.end_reason == "error" and record.trace[-1].error


WAITING_NODES = {
    "play": node("n", "play", prompt=tts("Это длинное сообщение, которое звучит достаточно долго, чтобы абонент "
                                         "успел положить трубку посреди него: оно продолжается и продолжается.")),
    "menu": node("n", "menu", prompt=tts("Меню"), keys=["1"], timeout=5, retries=0),
    "collect": node("n", "collect", prompt=tts("Введите код"), variable="code", digit_timeout=5, total_timeout=5),
    "record": node("n", "record", max_seconds=5, silence_seconds=0, variable="rec"),
    "say": node("n", "say", kind="digits", value="'12345678901234567890'", language="ru"),
    "transfer": node("n", "transfer", target_kind="external", target="74957000000", ring_timeout=10),
}

MAIN_OUTPUT = {"play": "done", "menu": "1", "collect": "ok", "record": "recorded", "say": "done",
               "transfer": "answered"}


@pytest.mark.parametrize("node_type", sorted(WAITING_NODES))
async def test_caller_hangup_at_each_waiting_node_leaves_nothing_behind(make_tenant, runtime, control, node_type):
    tenant = await make_tenant()
    _, number = await publish_on_number(tenant, linear(WAITING_NODES[node_type], outputs={"n": MAIN_OUTPUT[node_type]}))
    if node_type == "transfer":
        await control.set_outcomes([{"match": "*74957000000*", "outcome": "answer"}])
    channel = await place(control, number)

    async def inside_the_node():
        call = await control.call(channel)
        events = [e["event"] for e in call["transcript"]]
        return any(e in events for e in ("PlaybackStarted", "RecordingStarted", "Dial", "ChannelEnteredBridge"))
    await wait_until(inside_the_node)
    await control.hang_up(channel)
    await wait_until(lambda: ended(control, channel))
    record = await record_of(channel)
    assert record.end_reason == "caller_hangup" and record.trace[-1].node_id == "n"

    async def nothing_left():
        state = await control.state()
        return (state["channels"], state["bridges"], state["playbacks"], state["recordings"]) == (0, 0, 0, 0) or None
    assert await wait_until(nothing_left)
