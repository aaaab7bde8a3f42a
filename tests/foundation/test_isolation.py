"""Tenant isolation, swept over the route table: tenant B, with its own admin session and API key, calls
every tenant-scoped operation with tenant A's ids, and must never see or change A's data."""

import asyncio
import json
from datetime import UTC, datetime, timedelta
import subprocess

import pytest

from backend.db import DOCUMENT_MODELS
from flow_runtime.call_records import CallRecord
from backend.security.scope import TENANT_HEADER
from tests.routes import api_operations
from tests.flows.graphs import greeting_flow
from tests.foundation.sample_bodies import SAMPLE_FILES, SAMPLE_QUERIES, sample_body


def tone_wav() -> bytes:
    return subprocess.run(["sox", "-n", "-t", "wav", "-", "synth", "0.5", "sine", "440"], check=True,
                          capture_output=True).stdout


async def snapshot(tenant_id: str, runtime_channel: str | None = None) -> str:
    """Every document that belongs to a tenant, as JSON: equal before and after means nothing was written.
    The record the runtime may write for A's own test call (``runtime_channel``) is A's doing, not B's."""
    docs = {}
    for model in DOCUMENT_MODELS:
        if "tenant_id" in model.model_fields:
            query = {"tenant_id": tenant_id}
            if model is CallRecord and runtime_channel:
                query["channel_id"] = {"$ne": runtime_channel}
            found = await model.find(query).sort("_id").to_list()
            docs[model.__name__] = [d.model_dump(mode="json") for d in found]
    return json.dumps(docs, sort_keys=True)


async def outbound_data_of(a, flow_id: str) -> dict[str, str]:
    """A's contact list (with a contact), an import waiting for its mapping, a saved mapping, a DNC entry and
    a started campaign, scheduled far enough ahead that the dialer leaves it alone during the sweep."""
    list_id = (await a.admin.post("/api/contact-lists", json={"name": "Secret list of A"})).json()["id"]
    contact = (await a.admin.post(f"/api/contact-lists/{list_id}/contacts",
                                  json={"name": "A's contact", "phones": ["+79169990001"]})).json()
    upload = await a.admin.post(f"/api/contact-lists/{list_id}/imports",
                                files={"file": ("a.csv", "Телефон\r\n79169990003\r\n".encode(), "text/csv")})
    mapping = await a.admin.post("/api/contact-mappings", json={"name": "A's mapping", "mapping": {"phones": [0]}})
    entry = await a.admin.post("/api/dnc", json={"number": "+79169990002"})
    campaign = (await a.admin.post("/api/campaigns", json={
        "name": "Secret campaign of A", "flow_id": flow_id, "list_ids": [list_id],
        "starts_at": (datetime.now(UTC) + timedelta(days=365)).isoformat()})).json()
    assert (await a.admin.post(f"/api/campaigns/{campaign['id']}/start")).json()["state"] == "scheduled"
    export = (await a.admin.post(f"/api/campaigns/{campaign['id']}/exports", json={"format": "csv"})).json()
    async with asyncio.timeout(20):
        while (await a.admin.get(f"/api/campaign-exports/{export['id']}")).json()["state"] != "completed":
            await asyncio.sleep(0.05)
    return {"export_id": export["id"], "list_id": list_id, "contact_id": contact["id"], "import_id": upload.json()["id"],
            "mapping_id": mapping.json()["id"], "entry_id": entry.json()["id"], "campaign_id": campaign["id"]}


def test_every_api_route_declares_its_access(app):
    undeclared = [f"{op.method} {op.path}" for op in api_operations(app) if op.access is None]
    assert undeclared == [], "each route must say in opt whether it is public, self, tenant or provider"


async def test_tenant_b_cannot_reach_tenant_a(app, runtime, make_tenant, make_user, make_api_key, api):
    a = await make_tenant()
    b = await make_tenant()
    _, a_user = await make_user(a, "manager")
    _, a_key = await make_api_key(a, "manager")
    b_key_client, _ = await make_api_key(b, "admin")
    b_admin_with_header = api({TENANT_HEADER: a.id})
    await b_admin_with_header.login(b.admin_email, "tenant-admin-secret-1")

    a_flow = (await a.admin.post("/api/flows", json={"name": "Secret flow of A", "graph": greeting_flow()})).json()
    assert (await a.admin.post(f"/api/flows/{a_flow['id']}/publish", json={})).status_code == 201
    a_number = (await a.admin.post("/api/numbers", json={"number": "+74950001122", "flow_id": a_flow["id"]})).json()
    a_audio = (await a.admin.post("/api/audio", files={"file": ("a.wav", tone_wav(), "audio/wav")})).json()
    a_call = CallRecord(tenant_id=a.id, channel_id="a-secret-channel", caller="+79990000000", dialed="+74950001122",
                        started_at=datetime.now(UTC), end_reason="completed")
    await a_call.insert()
    a_test_call = (await a.admin.post("/api/simulator/calls", json={"flow_id": a_flow["id"]})).json()["channel_id"]
    outbound = await outbound_data_of(a, a_flow["id"])
    ids_of_a = {"user_id": a_user["id"], "key_id": a_key["id"], "flow_id": a_flow["id"], "version": "1",
                "number_id": a_number["id"], "asset_id": a_audio["id"], "call_id": str(a_call.id),
                "channel_id": a_test_call, **outbound}
    secrets_of_a = [a.id, a_user["id"], a_key["id"], a_user["email"], a.admin_email, a.slug, a_flow["id"],
                    "Secret flow of A", a_number["id"], "+74950001122", a_audio["id"], "a-secret-channel",
                    *outbound.values(), "Secret list of A", "+79169990001", "+79169990002"]
    before = await snapshot(a.id, a_test_call)

    operations = [op for op in api_operations(app) if op.access == "tenant"]
    assert len(operations) >= 8
    for op in operations:
        missing = [p for p in op.path_params if p not in ids_of_a]
        assert not missing, f"{op.method} {op.path}: give the sweep an id of tenant A for {missing}"
        url = op.url(ids_of_a)
        for caller in (b.admin, b_key_client, b_admin_with_header):
            body = sample_body(op) if op.is_write else None
            sent = {"files": SAMPLE_FILES[op.operation_id]} if op.operation_id in SAMPLE_FILES else {"json": body}
            response = await caller.request(op.method, url, params=SAMPLE_QUERIES.get(op.operation_id), **sent)
            where = f"{op.method} {url} as {caller.http.headers.get('X-API-Key', 'B admin')[:8]}"
            if op.path_params:
                assert response.status_code in (403, 404), f"{where}: {response.status_code} {response.text}"
            else:
                assert response.status_code < 500, f"{where}: {response.text}"
            # An id the caller sent may be echoed back (problem details name the instance); nothing else may.
            leaked = [s for s in secrets_of_a if s in response.text and s not in url]
            assert not leaked, f"{where} leaked {leaked}"
    assert await snapshot(a.id, a_test_call) == before


async def test_provider_reaches_a_tenant_only_by_naming_it(provider, make_tenant, api):
    a = await make_tenant()
    without = await provider.get("/api/users")
    assert without.status_code == 400 and without.json()["code"] == "tenant.required"
    provider.http.headers[TENANT_HEADER] = a.id
    try:
        listed = await provider.get("/api/users")
        assert [u["email"] for u in listed.json()["items"]] == [a.admin_email]
        created = await provider.post("/api/users", json={"email": "by-provider@example.com", "name": "P",
                                                          "role": "agent"})
        assert created.status_code == 201
    finally:
        del provider.http.headers[TENANT_HEADER]
    audit = (await a.admin.get("/api/audit", params={"object_type": "user", "action": "create"})).json()["items"]
    by_provider = [e for e in audit if e["object_id"] == created.json()["id"]]
    assert by_provider and by_provider[0]["via_provider"] is True


@pytest.mark.parametrize("bogus", ["000000000000000000000000", "not-an-id"])
async def test_provider_naming_an_unknown_tenant_is_refused(provider, bogus):
    response = await provider.get("/api/users", headers={TENANT_HEADER: bogus})
    assert response.status_code == 404 and response.json()["code"] == "tenant.not_found"
