"""Contact lists through the API: the upload wizard (store, preview, map, start), one-shot API uploads with
an API key, JSON rows, duplicates against the list, broken files, all-or-nothing imports, exports."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from bson import ObjectId

from backend.domains.contacts.importing import ImportFiles
from backend.domains.contacts.models import Contact, ContactImport, ContactList, ImportState
from backend.domains.contacts.runner import ImportRunner
from tests.conftest import assert_problem, unique
from tests.contacts.files import write_csv, write_xlsx

DEBTORS = [
    ["ID", "ФИО", "Телефон", "Телефон 2", "Сумма долга", "Дата платежа"],
    ["A-1", "Иванов Иван", "8 (916) 123-45-67", "+7 495 123-45-67", "1500,50", "01.12.2026"],
    ["A-2", "Петрова Анна", "79161234568", "", "300", "05.12.2026"],
    ["A-3", "Сидоров Пётр", "12345", "", "10", "07.12.2026"],  # no valid phone: rejected
    ["A-4", "Кузнецова Ольга", "+7 916 123 45 69", "not a phone", "0", "09.12.2026"],  # warning
]
MAPPING = {"external_id": "ID", "name": "ФИО", "phones": ["Телефон", "Телефон 2"],
           "variables": {"debt": "Сумма долга", "due_date": "Дата платежа"}}


async def new_list(client, name: str | None = None) -> str:
    response = await client.post("/api/contact-lists", json={"name": name or unique("Должники "), "comment": "тест"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def upload(client, list_id: str, path: Path, **form: str):
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    return await client.post(f"/api/contact-lists/{list_id}/imports", files=files, data=form)


async def finished(client, import_id: str, timeout: float = 30) -> dict:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        body = (await client.get(f"/api/contact-imports/{import_id}")).json()
        if body["state"] in ("completed", "failed"):
            return body
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.05)


async def contacts_of(client, list_id: str, **params) -> list[dict]:
    response = await client.get(f"/api/contact-lists/{list_id}/contacts", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def import_file(client, list_id: str, path: Path, mapping: dict = MAPPING, **form: str) -> dict:
    response = await upload(client, list_id, path, mapping=json.dumps(mapping), **form)
    assert response.status_code == 201, response.text
    return await finished(client, response.json()["id"])


async def test_wizard_cp1251_semicolon_csv(make_tenant, tmp_path):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    path = write_csv(tmp_path / "должники.csv", DEBTORS, encoding="cp1251", delimiter=";")

    uploaded = await upload(tenant.admin, list_id, path)
    assert uploaded.status_code == 201, uploaded.text
    job = uploaded.json()
    assert job["state"] == "uploaded"
    shown = job["preview"]
    assert (shown["format"], shown["encoding"], shown["delimiter"]) == ("csv", "cp1251", ";")
    assert shown["header"] == DEBTORS[0]
    assert shown["rows"][0][1] == "Иванов Иван"
    suggested = shown["suggested_mapping"]
    assert suggested["external_id"] == "ID" and suggested["name"] == "ФИО"
    assert suggested["phones"] == ["Телефон", "Телефон 2"]
    assert suggested["variables"] == {"summa_dolga": "Сумма долга", "data_platezha": "Дата платежа"}

    started = await tenant.admin.post(f"/api/contact-imports/{job['id']}/start",
                                      json={"mapping": MAPPING, "save_mapping_as": unique("Должники ")})
    assert started.status_code == 202, started.text
    done = await finished(tenant.admin, job["id"])
    assert done["state"] == "completed", done
    assert done["counts"] | {} == {"rows": 4, "imported": 3, "updated": 0, "skipped": 0, "rejected": 1, "warnings": 1}
    assert done["progress"] == 1.0

    contacts = {c["external_id"]: c for c in await contacts_of(tenant.admin, list_id)}
    assert set(contacts) == {"A-1", "A-2", "A-4"}
    assert contacts["A-1"]["phones"] == ["+79161234567", "+74951234567"]
    assert contacts["A-1"]["variables"] == {"debt": "1500,50", "due_date": "01.12.2026"}
    assert contacts["A-1"]["name"] == "Иванов Иван"
    assert contacts["A-4"]["phones"] == ["+79161234569"]
    listed = (await tenant.admin.get(f"/api/contact-lists/{list_id}")).json()
    assert listed["contact_count"] == 3 and listed["last_mapping"]["phones"] == ["Телефон", "Телефон 2"]

    report = await tenant.admin.get(f"/api/contact-imports/{job['id']}/report")
    assert report.status_code == 200
    lines = report.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "row;column;code;message (ru);message (en)"
    assert any(line.startswith("4;") and "phone.missing" in line for line in lines)  # A-3 is spreadsheet row 4
    assert any(line.startswith("5;Телефон 2;phone.invalid") for line in lines)

    found = await contacts_of(tenant.admin, list_id, search="Петрова")
    assert [c["external_id"] for c in found] == ["A-2"]
    by_digits = await contacts_of(tenant.admin, list_id, search="916 123-45-69")
    assert [c["external_id"] for c in by_digits] == ["A-4"]

    # The saved mapping is offered again and accepted by id.
    mappings = (await tenant.admin.get("/api/contact-mappings")).json()["items"]
    assert mappings and mappings[0]["mapping"]["phones"] == ["Телефон", "Телефон 2"]
    second_list = await new_list(tenant.admin)
    again = await upload(tenant.admin, second_list, path, mapping_id=mappings[0]["id"])
    assert (await finished(tenant.admin, again.json()["id"]))["counts"]["imported"] == 3


async def test_api_key_uploads_xlsx_with_floats_dates_formulas_and_sheets(make_tenant, make_api_key, tmp_path):
    tenant = await make_tenant()
    key_client, _ = await make_api_key(tenant)
    list_id = await new_list(tenant.admin)
    path = write_xlsx(tmp_path / "book.xlsx", {
        "Инструкция": [["Этот лист не импортируется"]],
        "Должники": [
            ["Абонент", None, "Телефон", "Долг", "Срок"],
            ["ID", "ФИО", "Телефон", "Долг", "Срок"],
            [1001, "Иванов", 79161234567.0, 1500.5, date(2026, 12, 1)],
            [],
            [1002, "Петров", 7.9161234568e10, 300, date(2026, 12, 5)],
        ]}, merged={"Должники": ["A1:B1"]})

    preview = await upload(key_client, list_id, path)
    assert preview.status_code == 201, preview.text
    assert preview.json()["preview"]["sheets"] == ["Инструкция", "Должники"]
    other = await key_client.get(f"/api/contact-imports/{preview.json()['id']}/preview", params={"sheet": "Должники"})
    assert other.json()["header"][:3] == ["Абонент", "Column 2", "Телефон"]

    mapping = {"external_id": 0, "name": 1, "phones": [2], "variables": {"debt": 3, "due": 4}}
    response = await upload(key_client, list_id, path, mapping=json.dumps(mapping), sheet="Должники")
    assert response.status_code == 201, response.text
    done = await finished(key_client, response.json()["id"])
    assert done["state"] == "completed", done
    contacts = {c["external_id"]: c for c in await contacts_of(key_client, list_id)}
    # The second header row is read as data without a phone: rejected, the rest imported.
    assert set(contacts) == {"1001", "1002"}
    assert contacts["1001"]["phones"] == ["+79161234567"] and contacts["1002"]["phones"] == ["+79161234568"]
    assert contacts["1001"]["variables"] == {"debt": "1500.5", "due": "2026-12-01"}


async def test_json_rows_and_duplicate_policies(make_tenant):
    tenant = await make_tenant(default_region="RU")
    list_id = await new_list(tenant.admin)
    rows = [{"external_id": "7", "name": "Анна", "phones": ["8 916 000-00-01"], "variables": {"debt": 100, "vip": True}},
            {"external_id": "8", "name": "Борис", "phones": ["bad", "+7 916 000 00 02"]},
            {"external_id": "9", "name": "Вера", "phones": ["123"]},
            {"external_id": "7", "name": "Анна Повтор", "phones": ["+79160000011"]}]
    response = await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": rows})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["state"] == "completed"
    assert body["counts"] | {} == {"rows": 4, "imported": 2, "updated": 0, "skipped": 1, "rejected": 1, "warnings": 1}
    problems = {(p["row"], p["code"]) for p in body["problems"]}
    assert {(1, "phone.invalid"), (2, "phone.missing"), (3, "row.duplicate_skipped")} <= problems
    contacts = {c["external_id"]: c for c in await contacts_of(tenant.admin, list_id)}
    assert contacts["7"]["name"] == "Анна" and contacts["7"]["variables"] == {"debt": "100", "vip": "true"}

    # Against the list: skip keeps the stored contact, update replaces it.
    again = [{"external_id": "7", "name": "Анна Новая", "phones": ["+79160000021"]},
             {"external_id": "10", "name": "Галина", "phones": ["+79160000022"]}]
    skipped = (await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": again})).json()
    assert (skipped["counts"]["imported"], skipped["counts"]["skipped"]) == (1, 1)
    assert [p["code"] for p in skipped["problems"]] == ["row.in_list_skipped"]
    assert (await contacts_of(tenant.admin, list_id, search="Анна"))[0]["name"] == "Анна"
    updated = (await tenant.admin.post(f"/api/contact-lists/{list_id}/rows",
                                       json={"rows": again[:1], "policy": "update"})).json()
    assert updated["counts"]["updated"] == 1
    anna = (await contacts_of(tenant.admin, list_id, search="7"))
    assert [c["name"] for c in anna if c["external_id"] == "7"] == ["Анна Новая"]
    assert [c["phones"] for c in anna if c["external_id"] == "7"] == [["+79160000021"]]
    assert (await tenant.admin.get(f"/api/contact-lists/{list_id}")).json()["contact_count"] == 3


async def test_contact_edit_add_delete(make_tenant):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    added = await tenant.admin.post(f"/api/contact-lists/{list_id}/contacts",
                                    json={"name": "Дмитрий", "phones": ["+7 916 555-00-01"], "variables": {"debt": 5}})
    assert added.status_code == 201, added.text
    contact = added.json()
    assert contact["phones"] == ["+79165550001"] and contact["variables"] == {"debt": 5}
    bad = await tenant.admin.patch(f"/api/contact-lists/{list_id}/contacts/{contact['id']}", json={"phones": ["12"]})
    body = assert_problem(bad, 422)
    assert body["errors"][0]["field"].startswith("phones")
    duplicate = await tenant.admin.post(f"/api/contact-lists/{list_id}/contacts", json={"phones": ["89165550001"]})
    assert_problem(duplicate, 409, "contact.duplicate")
    edited = await tenant.admin.patch(f"/api/contact-lists/{list_id}/contacts/{contact['id']}",
                                      json={"name": "Дмитрий Иванович", "timezone": "Asia/Yekaterinburg"})
    assert edited.json()["name"] == "Дмитрий Иванович" and edited.json()["timezone"] == "Asia/Yekaterinburg"
    assert (await tenant.admin.delete(f"/api/contact-lists/{list_id}/contacts/{contact['id']}")).status_code == 204
    assert await contacts_of(tenant.admin, list_id) == []
    assert (await tenant.admin.get(f"/api/contact-lists/{list_id}")).json()["contact_count"] == 0


@pytest.mark.parametrize("name,content,code", [
    ("empty.csv", b"", "file.empty"),
    ("binary.csv", bytes(range(256)) * 40, "file.not_text"),
    ("truncated.xlsx", None, "file.corrupt"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "file.unsupported"),
])
async def test_broken_files_are_refused_and_change_nothing(make_tenant, tmp_path, name, content, code):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": [{"phones": ["+79160000001"]}]})
    path = tmp_path / name
    if content is None:
        full = write_xlsx(tmp_path / "full.xlsx", {"Лист1": [["Телефон"], ["79160000002"]] * 50})
        path.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    else:
        path.write_bytes(content)
    body = assert_problem(await upload(tenant.admin, list_id, path, mapping=json.dumps({"phones": [0]})), 422, code)
    assert body["errors"][0]["field"] == "file"
    assert [c["phones"] for c in await contacts_of(tenant.admin, list_id)] == [["+79160000001"]]
    imports = (await tenant.admin.get("/api/contact-imports", params={"list_id": list_id})).json()["items"]
    assert [i["source"] for i in imports] == ["rows"]  # the refused upload left no job behind


async def test_over_the_size_limit_is_refused(make_tenant, tmp_path):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    chunk = ("79160000000;Иванов;100\r\n" * 40_000).encode()
    body = b"".join([chunk] * (101 * 2**20 // len(chunk) + 1))
    response = await tenant.admin.post(f"/api/contact-lists/{list_id}/imports",
                                       files={"file": ("huge.csv", body, "text/csv")})
    assert_problem(response, 413)
    assert await contacts_of(tenant.admin, list_id) == []


async def test_mapping_errors_name_the_field(make_tenant, tmp_path):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    path = write_csv(tmp_path / "a.csv", DEBTORS)
    job = (await upload(tenant.admin, list_id, path)).json()
    wrong = await tenant.admin.post(f"/api/contact-imports/{job['id']}/start",
                                    json={"mapping": {**MAPPING, "phones": ["Телефон", "Мобильный"]}})
    body = assert_problem(wrong, 422, "mapping.unknown_column")
    assert body["errors"][0]["field"] == "mapping.phones[1]"
    missing = await tenant.admin.post(f"/api/contact-imports/{job['id']}/start", json={"mapping": {"phones": []}})
    assert assert_problem(missing, 422)["errors"][0]["field"].startswith("mapping.phones")
    assert (await tenant.admin.get(f"/api/contact-imports/{job['id']}")).json()["state"] == "uploaded"


async def test_file_broken_halfway_leaves_the_list_as_it_was(make_tenant, tmp_path):
    """3,000 good rows (staged in batches, some updating stored contacts) and then bytes that are not UTF-8:
    the import fails and neither the new contacts nor the updates reach the list."""
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    first = [{"external_id": str(i), "name": "Старое имя", "phones": [f"+7916{i:07d}"]} for i in range(5)]
    await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": first})
    before = sorted((c["external_id"], c["name"]) for c in await contacts_of(tenant.admin, list_id))
    lines = ["ID,Имя,Телефон"] + [f"{i},Новое имя,+7916{i:07d}" for i in range(3000)]
    path = tmp_path / "broken-halfway.csv"
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n3001,\xff\xfe\xfa,+79163001000\r\n")
    done = await import_file(tenant.admin, list_id, path, {"external_id": "ID", "name": "Имя", "phones": ["Телефон"]},
                             policy="update")
    assert done["state"] == "failed" and done["error"]["code"] == "file.encoding", done
    after = sorted((c["external_id"], c["name"]) for c in await contacts_of(tenant.admin, list_id))
    assert after == before
    assert await Contact.find({"tenant_id": tenant.id}).count() == 5  # the staged new ones are gone
    assert await Contact.find({"tenant_id": tenant.id, "staged": {"$ne": None}}).count() == 0
    assert (await tenant.admin.get(f"/api/contact-lists/{list_id}")).json()["contact_count"] == 5


async def test_restart_rolls_back_reading_and_finishes_committing(make_tenant, ctx, tmp_path):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    rows = [{"external_id": str(i), "phones": [f"+7916100{i:04d}"]} for i in range(3)]
    await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": rows})
    stored = await Contact.find_one({"tenant_id": tenant.id, "external_id": "0"})
    collection = Contact.get_pymongo_collection()

    async def interrupted(state: ImportState) -> ContactImport:
        """What a process stopped mid-import leaves: the list held open, a new contact, a staged update."""
        job = ContactImport(tenant_id=tenant.id, list_id=list_id, file_name="x.csv", state=state)
        await job.insert()
        await ContactList.find_one({"_id": ObjectId(list_id)}).set({"open_import": str(job.id)})
        await collection.insert_one({"tenant_id": tenant.id, "list_id": list_id, "key": f"external_id:{job.id}",
                                     "external_id": str(job.id), "phones": ["+79169999999"], "import_id": str(job.id),
                                     "name": "", "variables": {}})
        await collection.update_one({"_id": stored.id}, {"$set": {"staged": {"import_id": str(job.id),
                                                                            "fields": {"name": f"by {state}"}}}})
        return job

    reading = await interrupted(ImportState.reading)
    assert len(await contacts_of(tenant.admin, list_id)) == 3  # the import's contact is not shown meanwhile
    await ImportRunner(ImportFiles(ctx.settings.data_dir))._recover_jobs()
    assert (await ContactImport.get(reading.id)).state == ImportState.failed
    assert (await ContactImport.get(reading.id)).error["code"] == "import.interrupted"
    assert len(await contacts_of(tenant.admin, list_id)) == 3
    assert (await Contact.get(stored.id)).name == "" and (await Contact.get(stored.id)).staged is None

    committing = await interrupted(ImportState.committing)
    await ImportRunner(ImportFiles(ctx.settings.data_dir))._recover_jobs()
    assert (await ContactImport.get(committing.id)).state == ImportState.completed
    assert len(await contacts_of(tenant.admin, list_id)) == 4
    assert (await Contact.get(stored.id)).name == "by committing"
    assert (await tenant.admin.get(f"/api/contact-lists/{list_id}")).json()["contact_count"] == 4


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
async def test_export_round_trips(make_tenant, tmp_path, fmt):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    rows = [{"external_id": "1", "name": "=HYPERLINK(\"x\")", "phones": ["+79160000001", "+74950000001"],
             "timezone": "Asia/Omsk", "variables": {"debt": "10"}},
            {"external_id": "2", "name": "Ёлкина", "phones": ["+79160000002"], "variables": {"contract": "Д-2"}}]
    await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": rows})
    response = await tenant.admin.get(f"/api/contact-lists/{list_id}/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(response.content)
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
        table = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == ["external_id", "name", "phone_1", "phone_2", "timezone", "debt", "contract"]
    assert sorted(row[0] for row in table[1:]) == ["1", "2"]
    # A formula in user data is written as text, whatever the format.
    assert [row[1] for row in table[1:] if row[0] == "1"] == ["'=HYPERLINK(\"x\")"]
    assert [row[2] for row in table[1:] if row[0] == "1"] == ["+79160000001"]

    copy = await new_list(tenant.admin)
    job = (await upload(tenant.admin, copy, path)).json()
    suggested = job["preview"]["suggested_mapping"]
    started = await tenant.admin.post(f"/api/contact-imports/{job['id']}/start", json={"mapping": suggested})
    assert started.status_code == 202, started.text
    assert (await finished(tenant.admin, job["id"]))["counts"]["imported"] == 2
    copied = {c["external_id"]: c for c in await contacts_of(tenant.admin, copy)}
    assert copied["1"]["phones"] == ["+79160000001", "+74950000001"] and copied["1"]["timezone"] == "Asia/Omsk"
    assert copied["2"]["variables"]["contract"] == "Д-2"


async def test_one_import_per_list_at_a_time_and_delete(make_tenant, tmp_path):
    tenant = await make_tenant()
    list_id = await new_list(tenant.admin)
    job = ContactImport(tenant_id=tenant.id, list_id=list_id, file_name="x.csv", state=ImportState.reading)
    await job.insert()
    busy = await tenant.admin.post(f"/api/contact-lists/{list_id}/rows", json={"rows": [{"phones": ["+79160000001"]}]})
    assert_problem(busy, 409, "contact_list.import_in_progress")
    assert_problem(await tenant.admin.delete(f"/api/contact-lists/{list_id}"), 409, "contact_list.import_in_progress")
    await job.set({"state": ImportState.failed})
    assert (await tenant.admin.delete(f"/api/contact-lists/{list_id}")).status_code == 204
    assert_problem(await tenant.admin.get(f"/api/contact-lists/{list_id}"), 404, "contact_list.not_found")
