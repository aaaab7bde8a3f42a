"""Each role is refused where it must be, by sessions and by API keys alike."""

import pytest

from tests.conftest import assert_problem

ADMIN_ONLY = [
    ("GET", "/api/users", None),
    ("POST", "/api/users", {"email": "x-role@example.com", "name": "X", "role": "agent"}),
    ("GET", "/api/api-keys", None),
    ("POST", "/api/api-keys", {"name": "k", "role": "agent"}),
    ("GET", "/api/audit", None),
    ("PATCH", "/api/tenant", {"name": "Hijacked"}),
]
PROVIDER_ONLY = [
    ("GET", "/api/provider/tenants", None),
    ("POST", "/api/provider/tenants", {"slug": "nope", "name": "N", "admin": {"email": "n@example.com", "name": "N"}}),
    ("GET", "/api/provider/audit", None),
]


@pytest.mark.parametrize("role", ["manager", "agent"])
async def test_non_admin_roles_are_refused_admin_work(make_tenant, make_user, make_api_key, role):
    tenant = await make_tenant()
    session_client, _ = await make_user(tenant, role)
    key_client, _ = await make_api_key(tenant, role)
    for client in (session_client, key_client):
        for method, path, body in ADMIN_ONLY + PROVIDER_ONLY:
            response = await client.request(method, path, json=body)
            assert response.status_code == 403, f"{role} {method} {path}: {response.status_code}"
    # Everyone in the tenant may read its settings (name, time zone, limits).
    assert (await session_client.get("/api/tenant")).json()["id"] == tenant.id


async def test_tenant_admin_is_refused_provider_work(make_tenant):
    tenant = await make_tenant()
    for method, path, body in PROVIDER_ONLY:
        assert_problem(await tenant.admin.request(method, path, json=body), 403, "forbidden.provider_only")
    assert_problem(await tenant.admin.post(f"/api/provider/tenants/{tenant.id}/suspend", json={"reason": "x"}),
                   403, "forbidden.provider_only")


async def test_api_keys_cannot_use_session_only_operations(make_tenant, make_api_key):
    tenant = await make_tenant()
    client, _ = await make_api_key(tenant)
    assert_problem(await client.post("/api/auth/password", json={"current_password": "a", "new_password": "bbbbbbbb"}),
                   403, "forbidden.user_only")
    me = await client.get("/api/auth/me")
    assert me.json()["kind"] == "api_key" and me.json()["tenant"]["id"] == tenant.id


async def test_permissions_follow_the_seed_roles(make_tenant, make_user):
    tenant = await make_tenant()
    manager, _ = await make_user(tenant, "manager")
    agent, _ = await make_user(tenant, "agent")
    manager_perms = set((await manager.get("/api/auth/me")).json()["permissions"])
    agent_perms = set((await agent.get("/api/auth/me")).json()["permissions"])
    assert {"monitoring.read", "history.read", "reports.read"} <= manager_perms
    assert "users.manage" not in manager_perms
    assert agent_perms == {"calls.handle"}


async def test_admin_cannot_lock_themselves_out(make_tenant):
    tenant = await make_tenant()
    me = (await tenant.admin.get("/api/auth/me")).json()
    assert_problem(await tenant.admin.patch(f"/api/users/{me['id']}", json={"disabled": True}), 409, "user.self_lockout")
    assert_problem(await tenant.admin.patch(f"/api/users/{me['id']}", json={"role": "agent"}), 409, "user.self_lockout")


async def test_user_limit_is_enforced(provider, make_tenant):
    tenant = await make_tenant(limits={"max_users": 2})
    assert (await tenant.admin.post("/api/users", json={"email": f"one-{tenant.slug}@example.com", "name": "1",
                                                        "role": "agent"})).status_code == 201
    over = await tenant.admin.post("/api/users", json={"email": f"two-{tenant.slug}@example.com", "name": "2",
                                                       "role": "agent"})
    assert_problem(over, 409, "user.limit_reached")
