import asyncio
import time

from backend.security.sessions import SESSION_COOKIE
from tests.conftest import TENANT_ADMIN_PASSWORD, assert_problem


async def test_login_with_good_password_sets_httponly_lax_cookie(api, make_tenant):
    tenant = await make_tenant()
    client = api()
    response = await client.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == tenant.admin_email and body["role"] == "admin"
    assert body["tenant"]["id"] == tenant.id
    assert "users.manage" in body["permissions"]
    cookie_header = [h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)][0]
    assert "HttpOnly" in cookie_header and "SameSite=lax" in cookie_header.replace("Lax", "lax")
    me = await client.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["email"] == tenant.admin_email


async def test_bad_password_and_unknown_email_are_refused_alike(api, make_tenant):
    tenant = await make_tenant()
    wrong = await api().login(tenant.admin_email, "not-the-password")
    unknown = await api().login("nobody@example.com", "whatever-password")
    assert_problem(wrong, 401, "auth.invalid_credentials")
    assert_problem(unknown, 401, "auth.invalid_credentials")
    assert wrong.json()["detail"] == unknown.json()["detail"]


async def test_repeated_failures_lock_the_email_out_even_for_the_right_password(api, make_tenant, settings):
    tenant = await make_tenant()
    for _ in range(settings.login_max_failures):
        assert_problem(await api().login(tenant.admin_email, "wrong-password"), 401)
    locked = await api().login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    assert_problem(locked, 429, "auth.locked_out")
    assert int(locked.headers["retry-after"]) > 0


async def test_logout_ends_the_session(api, make_tenant):
    tenant = await make_tenant()
    client = api()
    await client.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    assert (await client.post("/api/auth/logout")).status_code == 204
    # The browser drops the cookie; a replay of the old token is refused too.
    assert_problem(await client.get("/api/auth/me"), 401)


async def test_old_session_token_is_refused_after_logout(api, make_tenant):
    tenant = await make_tenant()
    client = api()
    await client.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    token = client.http.cookies[SESSION_COOKIE]
    await client.post("/api/auth/logout")
    replay = api()
    replay.http.cookies.set(SESSION_COOKIE, token)
    assert_problem(await replay.get("/api/auth/me"), 401, "auth.session_expired")


async def test_idle_session_expires(api, make_tenant, ctx):
    tenant = await make_tenant()
    client = api()
    await client.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    session_key = f"session:{ctx.hasher.digest(client.http.cookies[SESSION_COOKIE])}"
    assert await ctx.redis.exists(session_key)
    await ctx.redis.pexpire(session_key, 50)
    await asyncio.sleep(0.2)
    assert_problem(await client.get("/api/auth/me"), 401, "auth.session_expired")


async def test_session_ends_after_max_age_even_when_active(api, make_tenant, ctx, settings):
    tenant = await make_tenant()
    client = api()
    await client.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    session_key = f"session:{ctx.hasher.digest(client.http.cookies[SESSION_COOKIE])}"
    await ctx.redis.hset(session_key, "created_at", repr(time.time() - settings.session_max_age_seconds - 1))
    assert_problem(await client.get("/api/auth/me"), 401, "auth.session_expired")


async def test_cookie_writes_need_the_csrf_token(api, make_tenant):
    tenant = await make_tenant()
    body = {"name": "csrf-probe", "role": "manager"}
    del tenant.admin.http.headers["X-CSRF-Token"]
    assert_problem(await tenant.admin.post("/api/api-keys", json=body), 403, "auth.csrf")
    tenant.admin.http.headers["X-CSRF-Token"] = "forged"
    assert_problem(await tenant.admin.post("/api/api-keys", json=body), 403, "auth.csrf")
    me = await tenant.admin.get("/api/auth/me")  # reads need no token; the session gives the right one
    tenant.admin.http.headers["X-CSRF-Token"] = me.json()["csrf_token"]
    assert (await tenant.admin.post("/api/api-keys", json=body)).status_code == 201


async def test_api_key_accepted_then_refused_once_revoked(make_tenant, make_api_key, api):
    tenant = await make_tenant()
    client, key = await make_api_key(tenant)
    assert (await client.get("/api/users")).status_code == 200
    bearer = api({"Authorization": f"Bearer {key['key']}"})
    assert (await bearer.get("/api/users")).status_code == 200
    listed = (await tenant.admin.get("/api/api-keys")).json()["items"]
    assert key["key"] not in str(listed) and any(k["last_used_at"] for k in listed if k["id"] == key["id"])
    assert (await tenant.admin.post(f"/api/api-keys/{key['id']}/revoke")).status_code == 200
    assert_problem(await client.get("/api/users"), 401, "auth.invalid_api_key")


async def test_api_key_is_stored_only_as_a_hash(make_tenant, make_api_key, ctx):
    from backend.domains.api_keys.models import ApiKey

    tenant = await make_tenant()
    _, key = await make_api_key(tenant)
    stored = await ApiKey.find_one({"tenant_id": tenant.id})
    assert key["key"] not in stored.model_dump_json()
    assert stored.key_hash == ctx.hasher.digest(key["key"])


async def test_api_key_writes_need_no_csrf_token(make_tenant, make_api_key):
    tenant = await make_tenant()
    client, _ = await make_api_key(tenant)
    response = await client.post("/api/users", json={"email": "from-crm@example.com", "name": "CRM", "role": "agent"})
    assert response.status_code == 201
    assert response.json()["initial_password"]


async def test_suspended_tenant_logs_out_its_users_and_refuses_its_keys(provider, make_tenant, make_api_key, api):
    tenant = await make_tenant()
    key_client, _ = await make_api_key(tenant)
    suspend = await provider.post(f"/api/provider/tenants/{tenant.id}/suspend", json={"reason": "unpaid invoice"})
    assert suspend.status_code == 200 and suspend.json()["status"] == "suspended"
    assert_problem(await tenant.admin.get("/api/users"), 401, "auth.session_expired")
    assert_problem(await key_client.get("/api/users"), 403, "tenant.suspended")
    assert_problem(await api().login(tenant.admin_email, TENANT_ADMIN_PASSWORD), 403, "tenant.suspended")
    reactivate = await provider.post(f"/api/provider/tenants/{tenant.id}/reactivate", json={"reason": "paid"})
    assert reactivate.json()["status"] == "active"
    assert (await key_client.get("/api/users")).status_code == 200
    assert (await api().login(tenant.admin_email, TENANT_ADMIN_PASSWORD)).status_code == 200


async def test_change_password_ends_other_sessions_and_old_password(api, make_tenant):
    tenant = await make_tenant()
    other = api()
    await other.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    wrong = await tenant.admin.post("/api/auth/password", json={"current_password": "nope",
                                                                "new_password": "new-password-1"})
    assert_problem(wrong, 422, "validation_failed")
    assert wrong.json()["errors"][0]["field"] == "current_password"
    ok = await tenant.admin.post("/api/auth/password", json={"current_password": TENANT_ADMIN_PASSWORD,
                                                             "new_password": "new-password-1"})
    assert ok.status_code == 200 and ok.json()["ended"] == 1
    assert (await tenant.admin.get("/api/auth/me")).status_code == 200
    assert_problem(await other.get("/api/auth/me"), 401)
    assert_problem(await api().login(tenant.admin_email, TENANT_ADMIN_PASSWORD), 401)
    assert (await api().login(tenant.admin_email, "new-password-1")).status_code == 200


async def test_admin_reset_password_forces_change_and_signs_user_out(make_tenant, make_user, api):
    tenant = await make_tenant()
    manager, user = await make_user(tenant, "manager")
    reset = await tenant.admin.post(f"/api/users/{user['id']}/reset-password", json={})
    assert reset.status_code == 200 and reset.json()["sessions_ended"] == 1
    new_password = reset.json()["password"]
    assert_problem(await manager.get("/api/auth/me"), 401)
    again = api()
    login = await again.login(user["email"], new_password)
    assert login.status_code == 200 and login.json()["must_change_password"] is True


async def test_disabled_user_is_signed_out_and_cannot_sign_in(make_tenant, make_user, api):
    tenant = await make_tenant()
    agent, user = await make_user(tenant, "agent")
    assert (await tenant.admin.patch(f"/api/users/{user['id']}", json={"disabled": True})).status_code == 200
    assert_problem(await agent.get("/api/auth/me"), 401)
    assert_problem(await api().login(user["email"], "user-secret-123"), 403, "auth.account_disabled")


async def test_logout_others_keeps_this_session(api, make_tenant):
    tenant = await make_tenant()
    other = api()
    await other.login(tenant.admin_email, TENANT_ADMIN_PASSWORD)
    response = await tenant.admin.post("/api/auth/logout-others")
    assert response.json()["ended"] == 1
    assert (await tenant.admin.get("/api/auth/me")).status_code == 200
    assert_problem(await other.get("/api/auth/me"), 401)


async def test_passwords_are_stored_as_argon2_hashes(make_tenant):
    from backend.domains.users.models import User

    tenant = await make_tenant()
    user = await User.find_one({"email": tenant.admin_email})
    assert user.password_hash.startswith("$argon2id$") and TENANT_ADMIN_PASSWORD not in user.password_hash
