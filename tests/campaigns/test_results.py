"""A campaign's results: the progress snapshot (REST and WebSocket), the report filters and the exports
(XLSX with summary, chart, contacts and attempts; CSV), on results written as the dialer writes them."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
import websockets

from backend.security.sessions import SESSION_COOKIE
from flow_runtime.dialer.progress import LiveFeed
from flow_runtime.dialer.schedule import live_key
from flow_runtime.outbound.models import CampaignAttempt, CampaignContact, ContactStatus
from tests.campaigns.test_campaigns_api import LATER, list_with, new_campaign, published_flow
from tests.conftest import assert_problem


async def campaign_with_results(tenant, ctx) -> tuple[str, dict[str, CampaignContact]]:
    """A started campaign of four contacts with the outcomes a dialer would have recorded: Анна confirmed
    on her second number, Борис busy then out of attempts, Вера on a call now, Глеб not called yet."""
    flow_id = await published_flow(tenant.admin)
    list_id = await list_with(tenant.admin, [
        {"external_id": "1", "name": "Анна", "phones": ["+79160000101", "+74950000101"]},
        {"external_id": "2", "name": "Борис", "phones": ["+79160000102"]},
        {"external_id": "3", "name": "Вера", "phones": ["+79160000103"]},
        {"external_id": "4", "name": "Глеб", "phones": ["+79160000104"]}])
    campaign = await new_campaign(tenant.admin, flow_id=flow_id, list_ids=[list_id], starts_at=LATER)
    await tenant.admin.post(f"/api/campaigns/{campaign['id']}/start")
    contacts = {c.external_id: c for c in await CampaignContact.find({"campaign_id": campaign["id"]}).to_list()}
    now = datetime.now(UTC)

    async def attempt(contact, number, phone, outcome, minutes_ago, **extra):
        doc = CampaignAttempt(tenant_id=tenant.id, campaign_id=campaign["id"], campaign_contact_id=str(contact.id),
                              phone=phone, phone_index=contact.phones.index(phone), attempt_number=number,
                              originated_at=now - timedelta(minutes=minutes_ago), outcome=outcome, **extra)
        await doc.insert()
        return doc

    anna, boris, vera = contacts["1"], contacts["2"], contacts["3"]
    await attempt(anna, 1, anna.phones[0], "no_answer", 30, ended_at=now - timedelta(minutes=29), duration_seconds=30)
    await attempt(anna, 2, anna.phones[1], "answered", 5, answered_at=now - timedelta(minutes=5), dtmf="1",
                  flow_result="confirmed", succeeded=True, talk_seconds=42.5, duration_seconds=50.0)
    await anna.set({"status": ContactStatus.succeeded, "attempts": 2, "number_attempts": [1, 1],
                    "last_outcome": "answered", "result": "confirmed"})
    for n in (1, 2, 3):
        await attempt(boris, n, boris.phones[0], "busy", 20 - n, hangup_cause=17, dialstatus="BUSY", duration_seconds=3)
    await boris.set({"status": ContactStatus.out_of_attempts, "attempts": 3, "number_attempts": [3],
                     "last_outcome": "busy"})
    live = await attempt(vera, 1, vera.phones[0], None, 0.1)
    await vera.set({"status": ContactStatus.in_progress, "attempts": 1, "number_attempts": [1],
                    "current_attempt_id": str(live.id)})
    # The call to Вера is live: the dialer says so in its feed, as the engine does when it answers.
    feed = LiveFeed(ctx.redis)
    feed.call(campaign["id"], str(vera.id), {"contact_id": str(vera.id), "attempt_id": str(live.id),
                                              "phone": vera.phones[0], "state": "answered",
                                              "since": now.isoformat(), "runtime": "test"})
    feed.originated(campaign["id"], str(live.id))
    await feed.flush()
    return campaign["id"], contacts


async def test_progress_snapshot(make_tenant, ctx):
    tenant = await make_tenant()
    campaign_id, _ = await campaign_with_results(tenant, ctx)
    progress = (await tenant.admin.get(f"/api/campaigns/{campaign_id}/progress")).json()
    assert progress["total"] == 4
    assert {k: v for k, v in progress["counts"].items() if v} == {"succeeded": 1, "out_of_attempts": 1,
                                                                  "in_progress": 1, "pending": 1}
    assert progress["attempts_total"] == 6 and progress["attempts_last_minute"] == 1
    assert progress["success_rate"] == 0.5
    assert [(c["name"], c["phone"], c["state"]) for c in progress["live_calls"]] == [("Вера", "+79160000103", "answered")]
    assert progress["recent_attempts"][0]["phone"] == "+79160000103"


async def test_live_feed_over_websocket(served, make_tenant, ctx):
    a, b = await make_tenant(), await make_tenant()
    campaign_id, _ = await campaign_with_results(a, ctx)
    cookie = {"Cookie": f"{SESSION_COOKIE}={a.admin.http.cookies[SESSION_COOKIE]}"}
    async with websockets.connect(f"ws://{served}/api/campaigns/{campaign_id}/live", additional_headers=cookie) as ws:
        async with asyncio.timeout(10):
            first = json.loads(await ws.recv())
            assert first["total"] == 4 and first["counts"]["in_progress"] == 1
            vera = await CampaignContact.find_one({"campaign_id": campaign_id, "external_id": "3"})
            await vera.set({"status": ContactStatus.succeeded})
            await ctx.redis.hdel(live_key(campaign_id), str(vera.id))  # the dialer releases the call
            while (update := json.loads(await ws.recv()))["counts"]["in_progress"] == 1:
                pass
            assert update["counts"]["succeeded"] == 2 and update["live_calls"] == []
    async with websockets.connect(f"ws://{served}/api/campaigns/live", additional_headers=cookie) as ws:
        async with asyncio.timeout(10):
            feed = json.loads(await ws.recv())
            assert [c["id"] for c in feed["items"]] == [campaign_id] and feed["items"][0]["total"] == 4
    foreign = {"Cookie": f"{SESSION_COOKIE}={b.admin.http.cookies[SESSION_COOKIE]}"}
    with pytest.raises(websockets.InvalidStatus):
        async with websockets.connect(f"ws://{served}/api/campaigns/{campaign_id}/live", additional_headers=foreign) as ws:
            await ws.recv()


async def test_report_filters(make_tenant, ctx):
    tenant = await make_tenant()
    campaign_id, _ = await campaign_with_results(tenant, ctx)
    everything = (await tenant.admin.get(f"/api/campaigns/{campaign_id}/report")).json()
    assert everything["counts_by_outcome"]["busy"] == 3 and everything["counts_by_outcome"]["answered"] == 1
    assert len(everything["attempts"]["items"]) == 6
    busy = (await tenant.admin.get(f"/api/campaigns/{campaign_id}/report", params={"outcome": "busy"})).json()
    assert {a["phone"] for a in busy["attempts"]["items"]} == {"+79160000102"}
    recent = (await tenant.admin.get(f"/api/campaigns/{campaign_id}/report", params={
        "since": (datetime.now(UTC) - timedelta(minutes=10)).isoformat()})).json()
    assert sorted(a["phone"] for a in recent["attempts"]["items"]) == ["+74950000101", "+79160000103"]
    by_number = (await tenant.admin.get(f"/api/campaigns/{campaign_id}/report", params={"phone": "495 000"})).json()
    assert [a["outcome"] for a in by_number["attempts"]["items"]] == ["answered"]
    assert_problem(await tenant.admin.get(f"/api/campaigns/{campaign_id}/report", params={"outcome": "nope"}), 422)["errors"][0]["field"] == "outcome"


async def finished_export(client, campaign_id: str, **body) -> bytes:
    job = (await client.post(f"/api/campaigns/{campaign_id}/exports", json=body)).json()
    async with asyncio.timeout(30):
        while (state := (await client.get(f"/api/campaign-exports/{job['id']}")).json())["state"] not in ("completed", "failed"):
            await asyncio.sleep(0.05)
    assert state["state"] == "completed", state
    response = await client.get(f"/api/campaign-exports/{job['id']}/file")
    assert response.status_code == 200
    return response.content


async def test_excel_export_has_summary_chart_contacts_and_attempts(make_tenant, ctx):
    tenant = await make_tenant()
    campaign_id, _ = await campaign_with_results(tenant, ctx)
    content = await finished_export(tenant.admin, campaign_id, format="xlsx")
    assert any(name.startswith("xl/charts/chart") for name in zipfile.ZipFile(io.BytesIO(content)).namelist())
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["Summary", "Contacts", "Attempts"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row and row[0]}
    assert (summary["Contacts"], summary["succeeded"], summary["out_of_attempts"], summary["busy"]) == (4, 1, 1, 3)
    assert summary["Success rate"] == 0.5
    contacts = list(book["Contacts"].iter_rows(values_only=True))
    header, rows = contacts[0], {r[0]: dict(zip(contacts[0], r)) for r in contacts[1:]}
    assert header[:3] == ("external_id", "name", "status") and len(rows) == 4
    assert rows["1"]["status"] == "succeeded" and rows["1"]["numbers_tried"] == "+79160000101, +74950000101"
    assert (rows["1"]["attempts"], rows["1"]["dtmf"], rows["1"]["flow_result"], rows["1"]["talk_seconds"]) == (2, "1", "confirmed", 42.5)
    assert (rows["2"]["attempts"], rows["2"]["last_outcome"]) == (3, "busy") and rows["4"]["status"] == "pending"
    attempts = list(book["Attempts"].iter_rows(values_only=True))
    assert len(attempts) == 1 + 6
    boris = [dict(zip(attempts[0], r)) for r in attempts[1:] if r[0] == "2"]
    assert [(a["attempt"], a["outcome"], a["hangup_cause"]) for a in boris] == [(1, "busy", 17), (2, "busy", 17), (3, "busy", 17)]

    csv_attempts = (await finished_export(tenant.admin, campaign_id, format="csv", sheet="attempts")).decode("utf-8-sig")
    assert len(csv_attempts.splitlines()) == 7 and csv_attempts.splitlines()[0].startswith("external_id;name;attempt")


async def test_feeds_share_one_snapshot_per_interval():
    from backend.domains.campaigns.controllers import SharedSnapshots
    snapshots, made = SharedSnapshots(), []

    async def make() -> str:
        made.append(1)
        return f"snapshot {len(made)}"

    assert [await snapshots.get("t:a", 0.2, make) for _ in range(3)] == ["snapshot 1"] * 3
    assert await snapshots.get("t:b", 0.2, make) == "snapshot 2"  # another campaign, its own snapshot
    await asyncio.sleep(0.25)
    assert await snapshots.get("t:a", 0.2, make) == "snapshot 3"
