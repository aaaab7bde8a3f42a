"""The editor's simulator: a test call into a flow's draft, followed through its transcript (prompts,
keys and the node the runtime is in), with keys pressed and hang-up from the API; tenant-private."""

from __future__ import annotations

from tests.conftest import assert_problem
from tests.flows.graphs import broken_flow
from tests.runtime.conftest import wait_until
from tests.runtime.test_calls_end_to_end import menu_flow


async def start_test_call(client, flow_id: str, **extra) -> str:
    response = await client.post("/api/simulator/calls", json={"flow_id": flow_id, "caller": "79161112233", **extra})
    assert response.status_code == 201, response.text
    return response.json()["channel_id"]


async def test_test_call_runs_the_draft_and_reports_nodes_and_prompts(make_tenant, runtime):
    tenant = await make_tenant()
    flow = (await tenant.admin.post("/api/flows", json={"name": "Сим", "graph": menu_flow()})).json()
    channel = await start_test_call(tenant.admin, flow["id"])

    async def transcript_has(predicate):
        call = (await tenant.admin.get(f"/api/simulator/calls/{channel}")).json()
        return call if any(predicate(e) for e in call["transcript"]) else None

    await wait_until(lambda: transcript_has(lambda e: e.get("text", "").startswith("Для подтверждения")))
    assert (await tenant.admin.post(f"/api/simulator/calls/{channel}/dtmf", json={"digits": "1"})).status_code == 204
    call = await wait_until(lambda: transcript_has(lambda e: e["event"] == "StasisEnd"))
    nodes = [e["value"] for e in call["transcript"]
             if e["event"] == "ChannelVarset" and e.get("variable") == "VOXFLOW_NODE"]
    assert nodes == ["start", "answer", "menu", "yes", "confirmed", "bye"]
    assert "Спасибо, 79161112233! Платёж подтверждён." in [e.get("text") for e in call["transcript"]]


async def test_contact_variables_reach_the_flow(make_tenant, runtime):
    tenant = await make_tenant()
    graph = {"nodes": [{"id": "s", "type": "start", "position": {"x": 0, "y": 0}, "data": {"trigger": "campaign"}},
                       {"id": "p", "type": "play", "position": {"x": 0, "y": 100},
                        "data": {"prompt": {"items": [{"kind": "tts", "text": "Долг {{contact.debt}} рублей"}]}}}],
             "edges": [{"id": "e", "source": "s", "sourceHandle": "next", "target": "p"}]}
    flow = (await tenant.admin.post("/api/flows", json={"name": "Долг", "graph": graph})).json()
    channel = await start_test_call(tenant.admin, flow["id"], variables={"debt": "1500"})

    async def spoken():
        call = (await tenant.admin.get(f"/api/simulator/calls/{channel}")).json()
        return "Долг 1500 рублей" in [e.get("text") for e in call["transcript"]]
    assert await wait_until(spoken)


async def test_a_draft_with_errors_cannot_be_test_called(make_tenant):
    tenant = await make_tenant()
    flow = (await tenant.admin.post("/api/flows", json={"name": "Broken", "graph": broken_flow()})).json()
    body = assert_problem(await tenant.admin.post("/api/simulator/calls", json={"flow_id": flow["id"]}), 422,
                          "flow.invalid")
    assert body["issues"]


async def test_another_tenant_cannot_follow_or_touch_the_test_call(make_tenant, runtime):
    a, b = await make_tenant(), await make_tenant()
    flow = (await a.admin.post("/api/flows", json={"name": "A", "graph": menu_flow()})).json()
    channel = await start_test_call(a.admin, flow["id"])
    assert_problem(await b.admin.get(f"/api/simulator/calls/{channel}"), 404, "simulator.call_not_found")
    assert_problem(await b.admin.post(f"/api/simulator/calls/{channel}/hangup"), 404)
    assert_problem(await b.admin.post("/api/simulator/calls", json={"flow_id": flow["id"]}), 404, "flow.not_found")
    assert (await a.admin.post(f"/api/simulator/calls/{channel}/hangup")).status_code == 204
