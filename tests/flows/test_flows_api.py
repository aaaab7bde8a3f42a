"""Flows through the API: drafts with revisions, validation, publishing, versions, diff, rollback, import and
export, duplicate, delete refused while in use."""

import pytest

from flow_runtime.flow_documents import FlowVersion, ImmutableVersion
from tests.conftest import assert_problem
from tests.flows.graphs import broken_flow, greeting_flow, node


async def create_flow(client, name="Входящие", graph=None):
    response = await client.post("/api/flows", json={"name": name, **({"graph": graph} if graph else {})})
    assert response.status_code == 201, response.text
    return response.json()


async def test_node_types_catalog_is_served(make_tenant):
    tenant = await make_tenant()
    catalog = (await tenant.admin.get("/api/node-types")).json()
    types = {entry["type"]: entry for entry in catalog}
    assert {"start", "menu", "play", "hangup", "queue", "set_result"} <= types.keys()
    menu = types["menu"]
    assert menu["title"]["ru"] and menu["title"]["en"] and menu["json_schema"]["type"] == "object"


async def test_draft_saves_with_revisions_and_refuses_stale_ones(make_tenant, api):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin)
    assert flow["revision"] == 1 and flow["draft"] == {"nodes": [], "edges": []}
    saved = await tenant.admin.put(f"/api/flows/{flow['id']}/draft", json={"graph": greeting_flow(), "revision": 1})
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    assert [i for i in saved.json()["issues"] if i["severity"] == "error"] == []
    stale = await tenant.admin.put(f"/api/flows/{flow['id']}/draft", json={"graph": greeting_flow("Другое"),
                                                                            "revision": 1})
    body = assert_problem(stale, 409, "flow.revision_conflict")
    assert body["current_revision"] == 2 and body["saved_by"] == tenant.admin_email
    current = (await tenant.admin.get(f"/api/flows/{flow['id']}")).json()
    assert current["draft"]["nodes"][2]["data"]["prompt"]["items"][0]["text"].startswith("Здравствуйте")


async def test_draft_with_errors_is_saved_but_cannot_be_published(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin, graph=broken_flow())
    codes = {i["code"] for i in flow["issues"] if i["severity"] == "error"}
    assert codes, flow["issues"]
    refused = await tenant.admin.post(f"/api/flows/{flow['id']}/publish", json={"note": "try"})
    body = assert_problem(refused, 422, "flow.invalid")
    assert {i["code"] for i in body["issues"]} >= codes
    assert all(i["message"]["ru"] and i["message"]["en"] for i in body["issues"])
    assert (await tenant.admin.get(f"/api/flows/{flow['id']}/versions")).json()["items"] == []


async def test_validate_endpoint_reports_issues_with_node_ids(make_tenant):
    tenant = await make_tenant()
    graph = greeting_flow()
    graph["nodes"].append(node("orphan", "hangup", 900))
    issues = (await tenant.admin.post("/api/flows/validate", json={"graph": graph})).json()
    assert any(i["node_id"] == "orphan" and i["severity"] == "warning" for i in issues)


async def test_publish_versions_diff_and_rollback(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin, graph=greeting_flow("Первая версия"))
    v1 = await tenant.admin.post(f"/api/flows/{flow['id']}/publish", json={"note": "first"})
    assert v1.status_code == 201 and v1.json()["version"] == 1 and v1.json()["author"] == tenant.admin_email
    graph = greeting_flow("Вторая версия")
    graph["nodes"][3]["position"]["x"] = 999
    graph["nodes"].append(node("extra", "hangup", 800))
    await tenant.admin.put(f"/api/flows/{flow['id']}/draft", json={"graph": graph, "revision": 1})
    v2 = (await tenant.admin.post(f"/api/flows/{flow['id']}/publish", json={"note": "second"})).json()
    assert v2["version"] == 2
    diff = (await tenant.admin.get(f"/api/flows/{flow['id']}/diff", params={"from": 1, "to": 2})).json()
    assert diff["nodes"] == {"added": ["extra"], "removed": [], "changed": ["hello"], "moved": ["bye"]}
    rolled = (await tenant.admin.post(f"/api/flows/{flow['id']}/versions/1/rollback", json={})).json()
    assert rolled["version"] == 3 and "1" in rolled["note"]
    v3 = (await tenant.admin.get(f"/api/flows/{flow['id']}/versions/3")).json()
    assert v3["graph"]["nodes"][2]["data"]["prompt"]["items"][0]["text"] == "Первая версия"
    current = (await tenant.admin.get(f"/api/flows/{flow['id']}")).json()
    assert current["published_version"] == 3 and len(current["draft"]["nodes"]) == 4
    versions = (await tenant.admin.get(f"/api/flows/{flow['id']}/versions")).json()["items"]
    assert [v["version"] for v in versions] == [3, 2, 1]
    assert_problem(await tenant.admin.get(f"/api/flows/{flow['id']}/versions/9"), 404, "flow_version.not_found")


async def test_versions_are_immutable(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin, graph=greeting_flow())
    await tenant.admin.post(f"/api/flows/{flow['id']}/publish", json={})
    version = await FlowVersion.find_one({"flow_id": flow["id"], "version": 1})
    version.note = "rewritten"
    with pytest.raises(ImmutableVersion):
        await version.save()
    with pytest.raises(ImmutableVersion):
        await version.delete()
    assert (await tenant.admin.patch(f"/api/flows/{flow['id']}/versions/1", json={"note": "x"})).status_code == 405
    stored = await FlowVersion.find_one({"flow_id": flow["id"], "version": 1})
    assert stored.note == ""


async def test_export_import_round_trip_and_duplicate(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin, "Экспорт", graph=greeting_flow())
    exported = await tenant.admin.get(f"/api/flows/{flow['id']}/export")
    assert "attachment" in exported.headers["content-disposition"]
    imported = await tenant.admin.post("/api/flows/import", json=exported.json())
    assert imported.status_code == 201
    assert imported.json()["name"] == "Экспорт (2)"  # the name was taken
    assert imported.json()["draft"] == flow["draft"]
    again = await tenant.admin.get(f"/api/flows/{imported.json()['id']}/export")
    assert again.json()["graph"] == exported.json()["graph"]
    copy = (await tenant.admin.post(f"/api/flows/{flow['id']}/duplicate", json={})).json()
    assert copy["name"] == "Экспорт (копия)" and copy["draft"] == flow["draft"] and copy["published_version"] is None
    assert_problem(await tenant.admin.post("/api/flows/import", json={"format": "other", "name": "x",
                                                                      "graph": greeting_flow()}), 422)


async def test_rename_search_and_name_conflicts(make_tenant):
    tenant = await make_tenant()
    await create_flow(tenant.admin, "Продажи")
    other = await create_flow(tenant.admin, "Поддержка")
    taken = await tenant.admin.patch(f"/api/flows/{other['id']}", json={"name": "Продажи"})
    assert assert_problem(taken, 409, "flow.name_taken")["errors"][0]["field"] == "name"
    found = (await tenant.admin.get("/api/flows", params={"search": "подд"})).json()["items"]
    assert [f["name"] for f in found] == ["Поддержка"]


async def test_delete_is_refused_while_a_number_uses_the_flow(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin, graph=greeting_flow())
    number = (await tenant.admin.post("/api/numbers", json={"number": "8 (495) 123-45-67", "flow_id": flow["id"]}))
    assert number.status_code == 201 and number.json()["number"] == "+74951234567"
    refused = await tenant.admin.delete(f"/api/flows/{flow['id']}")
    assert assert_problem(refused, 409, "flow.in_use")["usage"]["numbers"] == ["+74951234567"]
    listed = (await tenant.admin.get("/api/flows")).json()["items"][0]
    assert listed["usage"]["numbers"] == ["+74951234567"]
    await tenant.admin.patch(f"/api/numbers/{number.json()['id']}", json={"flow_id": None})
    assert (await tenant.admin.delete(f"/api/flows/{flow['id']}")).status_code == 204
    assert_problem(await tenant.admin.get(f"/api/flows/{flow['id']}"), 404, "flow.not_found")


async def test_delete_is_refused_while_another_flow_calls_it_as_subflow(make_tenant):
    tenant = await make_tenant()
    child = await create_flow(tenant.admin, "Дочерний", graph={
        "nodes": [node("s", "start", trigger="subflow"), node("h", "hangup", 100)],
        "edges": [{"id": "e", "source": "s", "sourceHandle": "next", "target": "h"}]})
    parent_graph = {"nodes": [node("s", "start", trigger="inbound_number"),
                              node("sub", "subflow", 100, flow_id=child["id"]), node("h", "hangup", 200)],
                    "edges": [{"id": "e1", "source": "s", "sourceHandle": "next", "target": "sub"},
                              {"id": "e2", "source": "sub", "sourceHandle": "done", "target": "h"}]}
    parent = await create_flow(tenant.admin, "Родитель", graph=parent_graph)
    refused = await tenant.admin.delete(f"/api/flows/{child['id']}")
    assert assert_problem(refused, 409, "flow.in_use")["usage"]["flows"] == [parent["id"]]


async def test_managers_read_flows_but_cannot_change_them(make_tenant, make_user):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin)
    manager, _ = await make_user(tenant, "manager")
    assert (await manager.get(f"/api/flows/{flow['id']}")).status_code == 200
    assert_problem(await manager.put(f"/api/flows/{flow['id']}/draft", json={"graph": greeting_flow(),
                                                                             "revision": 1}), 403)
    agent, _ = await make_user(tenant, "agent")
    assert_problem(await agent.get("/api/flows"), 403)
