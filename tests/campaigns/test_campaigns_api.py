"""Campaigns through the API: settings and their validation, start checks, contacts copied from the lists,
the state machine, ad-hoc tasks from other systems (idempotent), roles."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from flow_runtime.outbound.models import CampaignContact
from tests.conftest import assert_problem, unique
from tests.flows.graphs import greeting_flow
from tests.flows.test_flows_api import create_flow

# Calls placed by the dialer must not disturb what these tests assert: a window on no real day would be
# invalid, so campaigns here start paused right after starting or use a far-future start date.
LATER = (datetime.now(UTC) + timedelta(days=365)).isoformat()


async def published_flow(client) -> str:
    flow = await create_flow(client, name=unique("Обзвон "), graph=greeting_flow("Ваш долг {{contact.debt}} рублей"))
    assert (await client.post(f"/api/flows/{flow['id']}/publish", json={"note": "v1"})).status_code == 201
    return flow["id"]


async def list_with(client, rows: list[dict]) -> str:
    list_id = (await client.post("/api/contact-lists", json={"name": unique("Список ")})).json()["id"]
    if rows:
        response = await client.post(f"/api/contact-lists/{list_id}/rows", json={"rows": rows})
        assert response.json()["state"] == "completed", response.text
    return list_id


async def new_campaign(client, **settings) -> dict:
    response = await client.post("/api/campaigns", json={"name": unique("Кампания "), **settings})
    assert response.status_code == 201, response.text
    return response.json()


async def test_settings_are_validated_and_defaulted(make_tenant):
    tenant = await make_tenant(timezone="Asia/Novosibirsk")
    flow_id = await published_flow(tenant.admin)
    missing = await tenant.admin.post("/api/campaigns", json={"name": "x", "flow_id": "0" * 24})
    assert assert_problem(missing, 422, "flow.not_found")["errors"][0]["field"] == "flow_id"
    bad_list = await tenant.admin.post("/api/campaigns", json={"name": "x", "flow_id": flow_id, "list_ids": ["1" * 24]})
    assert assert_problem(bad_list, 422)["errors"][0]["field"] == "list_ids[0]"
    bad_window = await tenant.admin.post("/api/campaigns", json={
        "name": "x", "flow_id": flow_id, "windows": [{"days": [8], "start": "09:00", "end": "21:00"}]})
    assert assert_problem(bad_window, 422)["errors"][0]["field"].startswith("windows")
    bad_time = await tenant.admin.post("/api/campaigns", json={
        "name": "x", "flow_id": flow_id, "windows": [{"days": [1], "start": "9:00", "end": "25:00"}]})
    assert_problem(bad_time, 422)
    dates = await tenant.admin.post("/api/campaigns", json={
        "name": "x", "flow_id": flow_id, "starts_at": "2027-01-02T00:00:00Z", "ends_at": "2027-01-01T00:00:00Z"})
    assert_problem(dates, 422)

    campaign = await new_campaign(tenant.admin, flow_id=flow_id, windows=[{"days": [1, 2, 3, 4, 5], "start": "09:00",
                                                                           "end": "21:00"}],
                                  retry_delays={"busy": 60, "no_answer": 300, "failed": 120, "provider_error": 600},
                                  success_rule={"kind": "dtmf", "digit": "1"})
    assert campaign["state"] == "draft" and campaign["timezone"] == "Asia/Novosibirsk"
    assert campaign["max_attempts_per_contact"] == 3 and campaign["retry_delays"]["busy"] == 60
    assert campaign["counts"]["pending"] == 0 and campaign["total"] == 0
    assert_problem(await tenant.admin.post("/api/campaigns", json={"name": campaign["name"], "flow_id": flow_id}),
                   409, "campaign.name_taken")


async def test_start_checks_and_copies_contacts_once(make_tenant):
    tenant = await make_tenant()
    draft_flow = await create_flow(tenant.admin, name=unique("Черновик "), graph=greeting_flow())
    one = await list_with(tenant.admin, [
        {"external_id": "1", "name": "Анна", "phones": ["+79160000001", "+74950000001"], "variables": {"debt": "100"}},
        {"external_id": "2", "name": "Борис", "phones": ["+79160000002"]}])
    two = await list_with(tenant.admin, [
        {"external_id": "2", "name": "Борис (повтор)", "phones": ["+79160000002"]},
        {"external_id": "3", "name": "Вера", "phones": ["+79160000003"]}])
    empty = await list_with(tenant.admin, [])

    unpublished = await new_campaign(tenant.admin, flow_id=draft_flow["id"], list_ids=[one])
    body = assert_problem(await tenant.admin.post(f"/api/campaigns/{unpublished['id']}/start"), 422,
                          "campaign.flow_not_published")
    assert body["errors"][0]["field"] == "flow_id"

    flow_id = await published_flow(tenant.admin)
    no_lists = await new_campaign(tenant.admin, flow_id=flow_id)
    assert_problem(await tenant.admin.post(f"/api/campaigns/{no_lists['id']}/start"), 422, "campaign.no_lists")
    nobody = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[empty])
    assert_problem(await tenant.admin.post(f"/api/campaigns/{nobody['id']}/start"), 422, "campaign.lists_empty")
    assert (await tenant.admin.get(f"/api/campaigns/{nobody['id']}")).json()["state"] == "draft"

    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[one, two], starts_at=LATER)
    started = await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start")
    assert started.status_code == 200, started.text
    assert started.json()["state"] == "scheduled" and started.json()["flow_version"] == 1
    assert started.json()["total"] == 3 and started.json()["counts"]["pending"] == 3
    contacts = (await tenant.admin.get(f"/api/campaigns/{campaign['id']}/contacts")).json()["items"]
    by_id = {c["external_id"]: c for c in contacts}
    assert by_id["2"]["name"] == "Борис"  # the first list's copy wins
    assert by_id["1"]["phones"] == ["+79160000001", "+74950000001"] and by_id["1"]["number_attempts"] == [0, 0]
    assert by_id["1"]["variables"] == {"debt": "100"} and by_id["1"]["status"] == "pending"
    assert_problem(await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start"), 409, "campaign.not_draft")

    # The lists and the flow are in use now; the flow and lists are fixed, the pacing is not.
    in_use = assert_problem(await tenant.admin.delete(f"/api/flows/{flow_id}"), 409, "flow.in_use")
    assert campaign["name"] in in_use["usage"]["campaigns"]
    assert_problem(await tenant.admin.delete(f"/api/contact-lists/{one}"), 409, "contact_list.in_use")
    locked = await tenant.admin.patch(f"/api/campaigns/{campaign['id']}", json={"list_ids": [two]})
    assert assert_problem(locked, 422, "campaign.started")["errors"][0]["field"] == "list_ids"
    paced = await tenant.admin.patch(f"/api/campaigns/{campaign['id']}", json={"max_channels": 3, "priority": 9})
    assert (paced.json()["max_channels"], paced.json()["priority"]) == (3, 9)
    found = (await tenant.admin.get(f"/api/campaigns/{campaign['id']}/contacts", params={"search": "Вера"})).json()
    assert [c["external_id"] for c in found["items"]] == ["3"]


async def test_state_machine(make_tenant):
    tenant = await make_tenant()
    flow_id = await published_flow(tenant.admin)
    list_id = await list_with(tenant.admin, [{"phones": ["+79160000011"]}])
    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[list_id], starts_at=LATER)
    cid = campaign["id"]
    assert_problem(await tenant.admin.post(f"/api/campaigns/{cid}/pause"), 409, "campaign.cannot_pause")
    assert (await tenant.admin.post(f"/api/campaigns/{cid}/start")).json()["state"] == "scheduled"
    assert (await tenant.admin.post(f"/api/campaigns/{cid}/pause")).json()["state"] == "paused"
    assert_problem(await tenant.admin.post(f"/api/campaigns/{cid}/pause"), 409, "campaign.cannot_pause")
    # Resuming before the start date waits for it again.
    assert (await tenant.admin.post(f"/api/campaigns/{cid}/resume")).json()["state"] == "scheduled"
    assert_problem(await tenant.admin.delete(f"/api/campaigns/{cid}"), 409, "campaign.active")
    cancelled = (await tenant.admin.post(f"/api/campaigns/{cid}/cancel")).json()
    assert cancelled["state"] == "cancelled" and cancelled["finished_at"]
    assert_problem(await tenant.admin.post(f"/api/campaigns/{cid}/resume"), 409, "campaign.cannot_resume")
    assert_problem(await tenant.admin.patch(f"/api/campaigns/{cid}", json={"priority": 2}), 409, "campaign.finished")
    listed = (await tenant.admin.get("/api/campaigns", params={"state": "cancelled"})).json()["items"]
    assert [c["id"] for c in listed] == [cid] and listed[0]["total"] == 1
    audit = (await tenant.admin.get("/api/audit", params={"object_id": cid})).json()["items"]
    assert {"create", "start", "pause", "resume", "cancel"} <= {e["action"] for e in audit}
    assert (await tenant.admin.delete(f"/api/campaigns/{cid}")).status_code == 204
    assert await CampaignContact.find({"campaign_id": cid}).count() == 0


async def test_tasks_from_other_systems_are_idempotent(make_tenant, make_api_key):
    tenant = await make_tenant()
    client, _ = await make_api_key(tenant)
    flow_id = await published_flow(tenant.admin)
    list_id = await list_with(tenant.admin, [{"phones": ["+79160000021"]}])
    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[list_id], starts_at=LATER)
    await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start")
    task = {"external_id": "CRM-42", "name": "Григорий", "phones": ["8 916 000-00-22"], "variables": {"debt": 1500},
            "not_before": LATER, "priority": 5}
    first = await client.post(f"/api/campaigns/{campaign['id']}/tasks", json=task)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["source"] == "api" and body["phones"] == ["+79160000022"] and body["variables"] == {"debt": 1500}
    assert body["priority"] == 5 and body["status"] == "pending"
    again = await client.post(f"/api/campaigns/{campaign['id']}/tasks", json={**task, "name": "Другое имя"})
    assert again.status_code == 200 and again.json()["id"] == body["id"] and again.json()["name"] == "Григорий"
    assert (await tenant.admin.get(f"/api/campaigns/{campaign['id']}")).json()["total"] == 2

    now = await client.post(f"/api/campaigns/{campaign['id']}/contacts/{body['id']}/call-now")
    assert now.status_code == 200 and now.json()["priority"] == 1000 and now.json()["next_attempt_at"]
    urgent = await client.post(f"/api/campaigns/{campaign['id']}/tasks",
                               json={"external_id": "CRM-43", "phones": ["+79160000023"], "call_now": True})
    assert urgent.json()["priority"] == 1000 and urgent.json()["not_before"] is None
    bad = await client.post(f"/api/campaigns/{campaign['id']}/tasks", json={"external_id": "CRM-44", "phones": ["1"]})
    assert assert_problem(bad, 422)["errors"][0]["field"].startswith("phones")
    await tenant.admin.post(f"/api/campaigns/{campaign['id']}/cancel")
    finished = await client.post(f"/api/campaigns/{campaign['id']}/tasks", json={**task, "external_id": "CRM-45"})
    assert_problem(finished, 409, "campaign.finished")


@pytest.mark.parametrize("path", ["start", "pause", "resume", "cancel"])
async def test_managers_watch_but_do_not_steer(make_tenant, make_user, path):
    tenant = await make_tenant()
    manager, _ = await make_user(tenant, "manager")
    flow_id = await published_flow(tenant.admin)
    campaign = await new_campaign(tenant.admin, flow_id=flow_id)
    assert (await manager.get(f"/api/campaigns/{campaign['id']}")).status_code == 200
    assert_problem(await manager.post(f"/api/campaigns/{campaign['id']}/{path}"), 403)
    assert_problem(await manager.post("/api/campaigns", json={"name": "x", "flow_id": flow_id}), 403)


async def test_running_campaigns_show_in_the_providers_usage(make_tenant, provider):
    tenant = await make_tenant()
    flow_id = await published_flow(tenant.admin)
    list_id = await list_with(tenant.admin, [{"phones": ["+79160000031"]}])
    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[list_id])
    assert (await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start")).json()["state"] == "running"
    usage = (await provider.get(f"/api/provider/tenants/{tenant.id}")).json()["usage"]
    assert usage["campaigns_running"] == 1
    await tenant.admin.post(f"/api/campaigns/{campaign['id']}/cancel")
    assert (await provider.get(f"/api/provider/tenants/{tenant.id}")).json()["usage"]["campaigns_running"] == 0


async def test_a_large_campaign_starts_in_the_background(make_tenant, monkeypatch):
    from backend.domains.campaigns import services
    monkeypatch.setattr(services, "INLINE_START_CONTACTS", 2)  # three contacts count as large here
    tenant = await make_tenant()
    flow_id = await published_flow(tenant.admin)
    list_id = await list_with(tenant.admin, [{"phones": [f"+7916000004{i}"]} for i in range(3)])
    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[list_id], starts_at=LATER)
    answer = (await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start")).json()
    assert answer["state"] == "draft" and answer["starting"]["total"] == 3
    assert answer["starting"]["state"] in ("queued", "running")
    assert_problem(await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start"), 409)
    for _ in range(200):
        current = (await tenant.admin.get(f"/api/campaigns/{campaign['id']}")).json()
        if current["state"] != "draft":
            break
        await asyncio.sleep(0.05)
    assert current["state"] == "scheduled" and current["total"] == 3 and current["starting"] is None
    audit = (await tenant.admin.get("/api/audit", params={"object_id": campaign["id"], "action": "start"})).json()
    assert [e["actor_label"] for e in audit["items"]] == [tenant.admin_email]


async def test_a_background_start_that_cannot_start_says_why(make_tenant, monkeypatch, ctx):
    from backend.domains.campaigns import services
    monkeypatch.setattr(services, "INLINE_START_CONTACTS", 0)
    tenant = await make_tenant()
    flow_id = await published_flow(tenant.admin)
    list_id = await list_with(tenant.admin, [{"phones": ["+79160000051"]}])
    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[list_id], starts_at=LATER)
    # The list empties after the start was accepted and before the job runs: it finds nothing to call.
    contacts = (await tenant.admin.get(f"/api/contact-lists/{list_id}/contacts")).json()["items"]
    await ctx.start_runner.stop()
    try:
        answer = (await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start")).json()
        assert answer["starting"]["state"] == "queued"
        await tenant.admin.delete(f"/api/contact-lists/{list_id}/contacts/{contacts[0]['id']}")
    finally:
        await ctx.start_runner.start()
    for _ in range(200):
        current = (await tenant.admin.get(f"/api/campaigns/{campaign['id']}")).json()
        if current["starting"] and current["starting"]["state"] == "failed":
            break
        await asyncio.sleep(0.05)
    assert current["state"] == "draft" and current["starting"]["error"]["code"] == "campaign.lists_empty"
    assert current["total"] == 0  # nothing copied is left behind
