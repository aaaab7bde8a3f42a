"""Do-not-call lists: the tenant's and the provider's, added one by one and from files, exported."""

from __future__ import annotations

import io

import openpyxl

from tests.conftest import assert_problem
from tests.contacts.files import write_csv, write_xlsx


async def test_tenant_dnc_add_search_delete(make_tenant, make_user):
    tenant = await make_tenant()
    added = await tenant.admin.post("/api/dnc", json={"number": "8 (916) 700-00-01", "reason": "Жалоба"})
    assert added.status_code == 201, added.text
    assert added.json()["number"] == "+79167000001"
    assert_problem(await tenant.admin.post("/api/dnc", json={"number": "+79167000001"}), 409, "dnc.already_listed")
    bad = assert_problem(await tenant.admin.post("/api/dnc", json={"number": "12ab"}), 422)
    assert bad["errors"][0]["field"] == "number"
    found = (await tenant.admin.get("/api/dnc", params={"search": "700-00"})).json()["items"]
    assert [e["number"] for e in found] == ["+79167000001"]
    manager, _ = await make_user(tenant, "manager")
    assert (await manager.get("/api/dnc")).status_code == 200
    assert_problem(await manager.post("/api/dnc", json={"number": "+79167000002"}), 403)
    assert (await tenant.admin.delete(f"/api/dnc/{added.json()['id']}")).status_code == 204
    assert (await tenant.admin.get("/api/dnc")).json()["items"] == []


async def test_dnc_file_import_checks_everything_first(make_tenant, tmp_path):
    tenant = await make_tenant()
    await tenant.admin.post("/api/dnc", json={"number": "+79167000010"})
    path = write_csv(tmp_path / "стоп.csv", [["Телефон", "Причина"], ["89167000010", "повтор"],
                                              ["+7 916 700-00-11", "Отказ"], ["мусор", ""], ["79167000012", ""],
                                              ["79167000012", ""]], encoding="cp1251", delimiter=";")
    response = await tenant.admin.post("/api/dnc/import", files={"file": (path.name, path.read_bytes())},
                                       data={"reason": "Импорт"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["rows"], body["added"], body["already_listed"], body["rejected"]) == (5, 2, 2, 1)
    assert body["problems"][0]["row"] == 4 and body["problems"][0]["code"] == "phone.invalid"
    entries = {e["number"]: e["reason"] for e in (await tenant.admin.get("/api/dnc")).json()["items"]}
    assert entries == {"+79167000010": "", "+79167000011": "Отказ", "+79167000012": "Импорт"}

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert_problem(await tenant.admin.post("/api/dnc/import", files={"file": ("b.xlsx", broken.read_bytes())}),
                   422, "file.corrupt")
    assert len((await tenant.admin.get("/api/dnc")).json()["items"]) == 3

    exported = await tenant.admin.get("/api/dnc/export", params={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("number", "reason", "added") and [r[0] for r in rows[1:]] == sorted(entries)


async def test_provider_dnc_is_separate_and_provider_only(make_tenant, provider, tmp_path):
    tenant = await make_tenant()
    path = write_xlsx(tmp_path / "provider.xlsx", {"Лист1": [["79167000020"], ["79167000021"]]})
    response = await provider.post("/api/provider/dnc/import", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    assert response.json()["added"] == 2
    listed = (await provider.get("/api/provider/dnc", params={"search": "916700002"})).json()["items"]
    assert sorted(e["number"] for e in listed) == ["+79167000020", "+79167000021"]
    assert (await tenant.admin.get("/api/dnc", params={"search": "916700002"})).json()["items"] == []
    assert_problem(await tenant.admin.get("/api/provider/dnc"), 403)
    assert_problem(await tenant.admin.delete(f"/api/provider/dnc/{listed[0]['id']}"), 403)
    for entry in listed:
        assert (await provider.delete(f"/api/provider/dnc/{entry['id']}")).status_code == 204
