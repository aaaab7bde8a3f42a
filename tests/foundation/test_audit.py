"""Every write leaves an audit entry with who, what, when and a before/after summary, without secrets."""

from tests.conftest import assert_problem


async def test_writes_are_audited_with_changes_and_no_secrets(make_tenant, make_user):
    tenant = await make_tenant()
    _, user = await make_user(tenant, "agent")
    await tenant.admin.patch(f"/api/users/{user['id']}", json={"name": "Renamed", "role": "manager"})
    await tenant.admin.post(f"/api/users/{user['id']}/reset-password", json={"password": "brand-new-pass"})
    entries = (await tenant.admin.get("/api/audit", params={"object_id": user["id"]})).json()["items"]
    actions = [e["action"] for e in entries]
    assert actions == ["reset_password", "update", "login", "create"]  # newest first
    update = entries[1]
    assert update["actor_label"] == tenant.admin_email and update["via_provider"] is False
    assert update["summary"]["changes"] == {"name": ["Agent", "Renamed"], "role": ["agent", "manager"]}
    assert entries[0]["summary"]["secrets_changed"] == ["password_hash"]
    assert "argon2" not in str(entries) and "brand-new-pass" not in str(entries)


async def test_audit_filters_by_actor_type_and_time(make_tenant, make_api_key):
    tenant = await make_tenant()
    _, key = await make_api_key(tenant)
    await tenant.admin.post(f"/api/api-keys/{key['id']}/revoke")
    revokes = (await tenant.admin.get("/api/audit", params={"object_type": "api_key", "action": "revoke"})).json()
    assert [e["object_id"] for e in revokes["items"]] == [key["id"]]
    assert "key_hash" not in str(revokes)
    me = (await tenant.admin.get("/api/auth/me")).json()
    mine = (await tenant.admin.get("/api/audit", params={"actor_id": me["id"]})).json()["items"]
    assert mine and all(e["actor_id"] == me["id"] for e in mine)
    future = (await tenant.admin.get("/api/audit", params={"since": "2999-01-01T00:00:00Z"})).json()["items"]
    assert future == []
    assert_problem(await tenant.admin.get("/api/audit", params={"since": "yesterday"}), 422)


async def test_provider_actions_are_in_the_tenant_log_and_the_provider_log(provider, make_tenant):
    tenant = await make_tenant()
    await provider.patch(f"/api/provider/tenants/{tenant.id}", json={"limits": {"max_concurrent_calls": 5}})
    await provider.post(f"/api/provider/tenants/{tenant.id}/suspend", json={"reason": "audit check"})
    await provider.post(f"/api/provider/tenants/{tenant.id}/reactivate", json={"reason": "audit check done"})
    await provider.post(f"/api/provider/tenants/{tenant.id}/view-as")
    provider_log = (await provider.get("/api/provider/audit", params={"tenant_id": tenant.id,
                                                                     "object_type": "tenant"})).json()["items"]
    assert [e["action"] for e in provider_log] == ["view_as", "reactivate", "suspend", "update", "create"]
    assert all(e["via_provider"] for e in provider_log)
    assert provider_log[2]["summary"]["changes"]["status_reason"] == [None, "audit check"]
    assert provider_log[3]["summary"]["changes"]["limits"][1]["max_concurrent_calls"] == 5
    await tenant.admin.login(tenant.admin_email, "tenant-admin-secret-1")  # suspension ended the session
    tenant_log = (await tenant.admin.get("/api/audit", params={"object_type": "tenant"})).json()["items"]
    assert [e["action"] for e in tenant_log] == [e["action"] for e in provider_log]


async def test_tenant_settings_update_is_audited_and_limits_are_read_only(make_tenant):
    tenant = await make_tenant()
    response = await tenant.admin.patch("/api/tenant", json={"name": "Новое имя", "locale": "en",
                                                             "allowed_http_hosts": ["crm.example.com"]})
    assert response.status_code == 200 and response.json()["name"] == "Новое имя"
    assert_problem(await tenant.admin.patch("/api/tenant", json={"limits": {"max_users": 1000}}), 422)
    entry = (await tenant.admin.get("/api/audit", params={"action": "update_settings"})).json()["items"][0]
    assert entry["summary"]["changes"]["name"][1] == "Новое имя"
