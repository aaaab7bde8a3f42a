"""What the administration screens rely on: finding users by e-mail or name, and what a user row shows."""


async def test_user_search_matches_email_or_name_case_insensitively(make_tenant):
    tenant = await make_tenant()
    for email, name in [("olga.petrova@example.com", "Ольга Петрова"), ("ivan@example.com", "Иван Сидоров")]:
        response = await tenant.admin.post("/api/users", json={"email": email, "name": name, "role": "manager"})
        assert response.status_code == 201, response.text

    async def emails(search: str) -> list[str]:
        response = await tenant.admin.get("/api/users", params={"search": search})
        assert response.status_code == 200, response.text
        return [user["email"] for user in response.json()["items"]]

    assert await emails("OLGA") == ["olga.petrova@example.com"]
    assert await emails("сидоров") == ["ivan@example.com"]
    assert set(await emails("example.com")) == {"ivan@example.com", "olga.petrova@example.com", tenant.admin_email}
    assert await emails("a.b(") == []  # searched as text, not as a pattern


async def test_user_rows_show_last_sign_in_and_the_pending_password_change(api, make_tenant):
    tenant = await make_tenant()
    created = (await tenant.admin.post("/api/users", json={"email": "new.manager@example.com", "name": "New",
                                                           "role": "manager"})).json()
    assert created["initial_password"] and created["must_change_password"] is True and created["last_login_at"] is None
    manager = api()
    assert (await manager.login("new.manager@example.com", created["initial_password"])).status_code == 200
    row = (await tenant.admin.get(f"/api/users/{created['id']}")).json()
    assert row["last_login_at"] is not None and row["must_change_password"] is True
    changed = await manager.post("/api/auth/password", json={"current_password": created["initial_password"],
                                                            "new_password": "my-own-password-1"})
    assert changed.status_code == 200, changed.text
    assert (await manager.get("/api/auth/me")).json()["must_change_password"] is False
