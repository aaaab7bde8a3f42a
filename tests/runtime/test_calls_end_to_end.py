"""Calls end to end: a call placed into the sandbox PBX reaches the runtime through the real asyncari
adapter, the published flow runs, keys are pressed, outputs are followed, and a call record is written."""

from __future__ import annotations

from flow_runtime.call_records import CallbackRequest, CallRecord
from tests.flows.graphs import edge, node
from tests.runtime.conftest import ended, place, played_texts, publish_on_number, wait_until


def tts(text: str) -> dict:
    return {"items": [{"kind": "tts", "text": text}], "language": "ru"}


def menu_flow() -> dict:
    return {
        "nodes": [
            node("start", "start", trigger="inbound_number"), node("answer", "answer"),
            node("menu", "menu", prompt=tts("Для подтверждения нажмите 1, для отказа 2."), keys=["1", "2"],
                 timeout=2, retries=1, timeout_prompt=tts("Мы не услышали ответа.")),
            node("yes", "play", prompt=tts("Спасибо, {{call.caller}}! Платёж подтверждён.")),
            node("confirmed", "set_result", outcome="confirmed", value="{{call.last_dtmf}}"),
            node("no", "play", prompt=tts("Вы отказались.")),
            node("bye", "hangup"),
        ],
        "edges": [edge("start", "next", "answer"), edge("answer", "next", "menu"), edge("menu", "1", "yes"),
                  edge("yes", "done", "confirmed"), edge("confirmed", "next", "bye"), edge("menu", "2", "no"),
                  edge("no", "done", "bye"), edge("menu", "timeout", "bye"), edge("menu", "invalid", "bye")],
    }


async def record_of(channel_id: str) -> CallRecord | None:
    async def find():
        return await CallRecord.find_one({"channel_id": channel_id})
    return await wait_until(find)


async def test_menu_call_follows_the_pressed_key_and_is_recorded(make_tenant, runtime, control):
    tenant = await make_tenant()
    flow_id, number = await publish_on_number(tenant, menu_flow())
    channel = await place(control, number, caller="79161234567")

    async def prompt_played():
        return "Для подтверждения нажмите 1, для отказа 2." in await played_texts(control, channel)
    await wait_until(prompt_played)
    await control.press(channel, "1")
    call = await wait_until(lambda: ended(control, channel))

    texts = [e.get("text") for e in call["transcript"] if e["event"] == "PlaybackStarted"]
    assert "Спасибо, 79161234567! Платёж подтверждён." in texts and "Вы отказались." not in texts
    assert call["cause"] == 16  # normal clearing by our hangup node
    record = await record_of(channel)
    assert record.tenant_id == tenant.id and record.flow_id == flow_id and record.flow_version == 1
    assert record.end_reason == "completed" and record.answered_at is not None
    assert [s.node_id for s in record.trace] == ["start", "answer", "menu", "yes", "confirmed", "bye"]
    assert record.trace[2].output == "1" and record.result == {"outcome": "confirmed", "label": None, "value": "1"}
    listed = (await tenant.admin.get("/api/calls", params={"number": number})).json()["items"]
    assert [c["channel_id"] for c in listed] == [channel]


async def test_menu_timeout_repeats_then_takes_the_timeout_path(make_tenant, runtime, control):
    tenant = await make_tenant()
    _, number = await publish_on_number(tenant, menu_flow())
    channel = await place(control, number)
    call = await wait_until(lambda: ended(control, channel), timeout=15)
    texts = [e.get("text") for e in call["transcript"] if e["event"] == "PlaybackStarted"]
    assert texts.count("Для подтверждения нажмите 1, для отказа 2.") == 2
    assert "Мы не услышали ответа." in texts
    record = await record_of(channel)
    assert record.trace[-2].output == "timeout"


async def test_unknown_number_is_refused_with_congestion(runtime, control):
    channel = await place(control, "+70000000001")
    call = await wait_until(lambda: ended(control, channel))
    assert call["cause"] == 34 and not any(e["event"] == "PlaybackStarted" for e in call["transcript"])
    assert runtime.runtime.refused["unknown_number"] >= 1


async def test_suspended_tenant_calls_are_refused(make_tenant, provider, runtime, control):
    tenant = await make_tenant()
    _, number = await publish_on_number(tenant, menu_flow())
    await provider.post(f"/api/provider/tenants/{tenant.id}/suspend", json={"reason": "test"})
    runtime.runtime.router._cache.clear()  # the route cache would otherwise keep it for a few seconds
    channel = await place(control, number)
    call = await wait_until(lambda: ended(control, channel))
    assert call["cause"] == 34


async def test_over_the_concurrent_call_limit_is_refused(make_tenant, provider, runtime, control):
    tenant = await make_tenant(limits={"max_concurrent_calls": 1})
    _, number = await publish_on_number(tenant, menu_flow())
    first = await place(control, number)

    async def first_running():
        return await runtime.runtime.limiter.active(tenant.id) == 1
    await wait_until(first_running)
    second = await place(control, number)
    refused = await wait_until(lambda: ended(control, second))
    assert refused["cause"] == 34
    await control.hang_up(first)
    await wait_until(lambda: ended(control, first))


async def test_caller_hangup_mid_prompt_leaves_nothing_live(make_tenant, runtime, control):
    tenant = await make_tenant()
    _, number = await publish_on_number(tenant, menu_flow())
    channel = await place(control, number)

    async def prompt_started():
        return await played_texts(control, channel)
    await wait_until(prompt_started)
    await control.hang_up(channel)
    await wait_until(lambda: ended(control, channel))
    record = await record_of(channel)
    assert record.end_reason == "caller_hangup"

    async def nothing_live():
        state = await control.state()
        return state["playbacks"] == 0 and state["bridges"] == 0
    assert await wait_until(nothing_live)


async def test_callback_request_is_filed_for_agents(make_tenant, runtime, control):
    tenant = await make_tenant()
    graph = {"nodes": [node("start", "start", trigger="inbound_number"), node("answer", "answer"),
                       node("cb", "callback_request", note="Перезвонить {{call.caller}}"), node("bye", "hangup")],
             "edges": [edge("start", "next", "answer"), edge("answer", "next", "cb"), edge("cb", "done", "bye")]}
    _, number = await publish_on_number(tenant, graph)
    channel = await place(control, number, caller="79990001122")
    await wait_until(lambda: ended(control, channel))
    request = await wait_until(lambda: CallbackRequest.find_one({"tenant_id": tenant.id}))
    assert request.number == "79990001122" and request.note == "Перезвонить 79990001122"
