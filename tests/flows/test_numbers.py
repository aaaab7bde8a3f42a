"""Inbound numbers: E.164 normalisation, one tenant per DID across the installation, per-tenant extensions,
and the indexed look-up the runtime does on every call."""

from tenants.numbers import find_inbound_number
from tests.conftest import assert_problem
from tests.flows.test_flows_api import create_flow


async def test_did_is_unique_across_tenants(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    assert (await a.admin.post("/api/numbers", json={"number": "+7 812 555-01-01"})).status_code == 201
    taken = await b.admin.post("/api/numbers", json={"number": "88125550101"})
    assert assert_problem(taken, 409, "number.taken")["errors"][0]["field"] == "number"
    assert (await b.admin.get("/api/numbers")).json()["items"] == []


async def test_extensions_are_per_tenant(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    for tenant in (a, b):
        response = await tenant.admin.post("/api/numbers", json={"number": "100", "kind": "extension"})
        assert response.status_code == 201
    assert_problem(await a.admin.post("/api/numbers", json={"number": "100", "kind": "extension"}), 409, "number.taken")
    found = await find_inbound_number("100", tenant_id=b.id)
    assert found is not None and found.tenant_id == b.id


async def test_bad_numbers_and_foreign_flows_are_refused(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    assert assert_problem(await a.admin.post("/api/numbers", json={"number": "hello"}), 422)["errors"][0]["field"] == "number"
    assert_problem(await a.admin.post("/api/numbers", json={"number": "1", "kind": "extension"}), 422)
    b_flow = await create_flow(b.admin)
    foreign = await a.admin.post("/api/numbers", json={"number": "+74957770000", "flow_id": b_flow["id"]})
    assert assert_problem(foreign, 422)["errors"][0]["field"] == "flow_id"


async def test_runtime_lookup_finds_the_tenant_and_flow_by_dialed_number(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin)
    await tenant.admin.post("/api/numbers", json={"number": "+74959990011", "flow_id": flow["id"]})
    for dialed in ("+74959990011", "74959990011"):
        found = await find_inbound_number(dialed)
        assert found is not None and found.tenant_id == tenant.id and found.flow_id == flow["id"]
    assert await find_inbound_number("+74959990012") is None


async def test_lookup_uses_an_index(ctx, settings):
    plan = await ctx.mongo[settings.database_name].command(
        "explain", {"find": "numbers", "filter": {"lookup_key": {"$in": ["did:+70000000000"]}}})
    assert "IXSCAN" in str(plan) or "lookup_key" in str(plan.get("queryPlanner", plan))


async def test_patterns_cover_ranges_and_the_most_specific_wins(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    flow_a = await create_flow(a.admin)
    flow_b = await create_flow(b.admin)
    wide = await a.admin.post("/api/numbers", json={"number": "_7383XXXXXXX", "kind": "pattern", "flow_id": flow_a["id"]})
    narrow = await b.admin.post("/api/numbers", json={"number": "_738322[0-4]XXXX", "kind": "pattern",
                                                      "flow_id": flow_b["id"]})
    assert wide.status_code == 201 and narrow.status_code == 201, narrow.text
    assert (await find_inbound_number("+73832221234")).tenant_id == b.id
    assert (await find_inbound_number("+73832251234")).tenant_id == a.id
    assert await find_inbound_number("+7383225123") is None  # one digit short
    assert_problem(await b.admin.post("/api/numbers", json={"number": "_7383XXXXXXX", "kind": "pattern"}), 409)
    bad = await a.admin.post("/api/numbers", json={"number": "7383*", "kind": "pattern"})
    assert assert_problem(bad, 422)["errors"][0]["field"] == "number"
