"""Health, readiness, the OpenAPI document and first-start provisioning."""

from backend.provisioning import create_first_provider_admin
from tests.conftest import PROVIDER_EMAIL, assert_problem


async def test_health_and_ready_need_no_login(api):
    client = api()
    assert (await client.get("/api/health")).json() == {"status": "ok"}
    ready = await client.get("/api/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


async def test_openapi_documents_every_operation_with_an_id(api, app):
    spec = (await api().get("/api/docs/openapi.json")).json()
    operations = [op for path in spec["paths"].values() for op in path.values() if isinstance(op, dict)]
    assert len(operations) >= 20
    assert all(op.get("operationId") for op in operations)
    assert "/api/provider/tenants" in spec["paths"]


async def test_unknown_route_and_wrong_method_are_problems(api, provider):
    assert_problem(await provider.get("/api/nothing-here"), 404, "not_found")
    assert_problem(await provider.delete("/api/health"), 405, "method_not_allowed")


async def test_first_provider_admin_is_created_once(app, settings):
    again = await create_first_provider_admin(settings)
    assert again.email == PROVIDER_EMAIL and again.password is None


async def test_provider_health_lists_runtime_processes(provider, runtime, make_tenant):
    health = (await provider.get("/api/provider/health")).json()
    assert health["database"] == "ok" and health["redis"] == "ok" and health["telephony"] == "sandbox"
    assert any(r["connected"] and r["app"] == "voxflow" for r in health["runtimes"])
    tenant = await make_tenant()
    assert (await tenant.admin.get("/api/provider/health")).status_code == 403


async def test_tenant_usage_at_a_glance(provider, make_tenant):
    tenant = await make_tenant()
    await tenant.admin.post("/api/flows", json={"name": "usage"})
    await tenant.admin.post("/api/numbers", json={"number": "55", "kind": "extension"})
    usage = (await provider.get(f"/api/provider/tenants/{tenant.id}")).json()["usage"]
    assert usage["flows"] == 1 and usage["numbers"] == 1 and usage["users"] == 1
    assert usage["active_calls"] == 0 and usage["storage_used_mb"] == 0 and usage["campaigns_running"] == 0
