"""Bad input on every write operation, swept over the route table: wrong types, missing fields, unknown
fields, over-long strings, a bad e-mail or slug each get a 4xx problem with the field named, and nothing
is stored."""

from __future__ import annotations

import copy

from backend.db import DOCUMENT_MODELS
from backend.security.scope import TENANT_HEADER
from tests.conftest import assert_problem
from tests.foundation.sample_bodies import sample_body
from tests.routes import api_operations

# Bodies that are not JSON objects (multipart uploads) have their own bad-input tests.
JSON_FREE_OPERATIONS = {"uploadAudio", "uploadContactFile", "importDnc", "importProviderDnc"}
WRONG_TYPE = {"string": 12345, "integer": "many", "number": "many", "boolean": "maybe", "array": 7, "object": "x"}


def _resolve(schema: dict, defs: dict) -> dict:
    if "$ref" in schema:
        return defs[schema["$ref"].split("/")[-1]]
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _resolve(option, defs)
    return schema


def bad_variants(model, body: dict) -> list[tuple[str, str, dict | list]]:
    """(description, field expected in the errors, bad body) for one valid body."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    variants: list[tuple[str, str, dict | list]] = [("unknown field", "tenant_id", {**body, "tenant_id": "x"})]
    for name in schema.get("required", []):
        variants.append((f"missing {name}", name, {k: v for k, v in body.items() if k != name}))
    for name, value in body.items():
        field_schema = _resolve(schema["properties"][name], defs)
        kind = field_schema.get("type", "object" if "properties" in field_schema else None)
        if kind in WRONG_TYPE:
            variants.append((f"wrong type for {name}", name, {**body, name: WRONG_TYPE[kind]}))
        if kind == "string" and "maxLength" in field_schema:
            variants.append((f"over-long {name}", name, {**body, name: "x" * (field_schema["maxLength"] + 1)}))
        if kind == "object" and isinstance(value, dict):
            nested = copy.deepcopy(body)
            nested[name]["unexpected"] = 1
            variants.append((f"unknown field in {name}", name, nested))
    return variants


# The runtime writes these on its own (call records, campaign attempts of other tests' campaigns), whatever
# the request under test does.
WRITTEN_BY_THE_RUNTIME = {"CallRecord", "CallbackRequest", "CampaignAttempt"}


async def count_everything() -> dict[str, int]:
    return {model.__name__: await model.find({}).count() for model in DOCUMENT_MODELS
            if model.__name__ not in WRITTEN_BY_THE_RUNTIME}


async def test_every_write_refuses_bad_bodies_and_stores_nothing(app, provider, make_tenant, make_user, make_api_key):
    tenant = await make_tenant()
    _, user = await make_user(tenant, "agent")
    _, key = await make_api_key(tenant)
    flow = (await tenant.admin.post("/api/flows", json={"name": "Bad input"})).json()
    number = (await tenant.admin.post("/api/numbers", json={"number": "100", "kind": "extension"})).json()
    ids = {"user_id": user["id"], "key_id": key["id"], "tenant_id": tenant.id, "flow_id": flow["id"],
           "version": "1", "number_id": number["id"], "asset_id": "0" * 24, "call_id": "0" * 24,
           "channel_id": "no-such-channel", "list_id": "0" * 24, "contact_id": "0" * 24, "import_id": "0" * 24,
           "mapping_id": "0" * 24, "entry_id": "0" * 24, "campaign_id": "0" * 24,
           "export_id": "0" * 24}
    clients = {"tenant": tenant.admin, "self": tenant.admin, "provider": provider, "public": tenant.admin}
    checked = 0
    for op in api_operations(app):
        if not op.is_write or op.body_model is None or op.operation_id in JSON_FREE_OPERATIONS:
            continue
        client = clients[op.access]
        url = op.url(ids)
        for description, field, body in [("not an object", "body", [1, 2])] + bad_variants(op.body_model, sample_body(op)):
            before = await count_everything()
            response = await client.request(op.method, url, json=body)
            problem = assert_problem(response, 422, "validation_failed")
            fields = [e["field"] for e in problem.get("errors", [])]
            assert any(field in f for f in fields), f"{op.operation_id} {description}: errors name {fields}"
            assert await count_everything() == before, f"{op.operation_id} {description} stored something"
            checked += 1
    assert checked > 40


async def test_specific_validation_messages(provider, make_tenant):
    tenant = await make_tenant()
    bad_email = await tenant.admin.post("/api/users", json={"email": "not-an-email", "name": "X", "role": "agent"})
    assert assert_problem(bad_email, 422)["errors"][0]["field"] == "email"
    for slug in ("Bad Slug", "-leading", "x" * 41, "кириллица"):
        response = await provider.post("/api/provider/tenants", json={"slug": slug, "name": "N",
                                                                      "admin": {"email": "a@example.com", "name": "A"}})
        assert assert_problem(response, 422)["errors"][0]["field"] == "slug"
    bad_tz = await tenant.admin.patch("/api/tenant", json={"timezone": "Mars/Olympus"})
    assert assert_problem(bad_tz, 422)["errors"][0]["field"] == "timezone"
    bad_region = await tenant.admin.patch("/api/tenant", json={"default_region": "XX"})
    assert assert_problem(bad_region, 422)["errors"][0]["field"] == "default_region"
    provider.http.headers[TENANT_HEADER] = tenant.id
    try:
        malformed = await provider.post("/api/users", content=b"{not json", headers={"content-type": "application/json"})
        assert malformed.status_code in (400, 422) and malformed.json()["code"]
    finally:
        del provider.http.headers[TENANT_HEADER]


async def test_duplicate_email_and_slug_are_conflicts_naming_the_field(provider, make_tenant):
    tenant = await make_tenant()
    dup_user = await tenant.admin.post("/api/users", json={"email": tenant.admin_email, "name": "X", "role": "agent"})
    assert assert_problem(dup_user, 409, "user.email_taken")["errors"][0]["field"] == "email"
    before = await count_everything()
    dup_slug = await provider.post("/api/provider/tenants", json={"slug": tenant.slug, "name": "N",
                                                                  "admin": {"email": "new@example.com", "name": "A"}})
    assert assert_problem(dup_slug, 409, "tenant.slug_taken")["errors"][0]["field"] == "slug"
    dup_admin = await provider.post("/api/provider/tenants", json={"slug": "fresh-slug-x", "name": "N",
                                                                   "admin": {"email": tenant.admin_email, "name": "A"}})
    assert assert_problem(dup_admin, 409, "user.email_taken")["errors"][0]["field"] == "admin.email"
    assert await count_everything() == before


async def test_list_paging_is_bounded_and_complete(make_tenant):
    tenant = await make_tenant()
    for i in range(5):
        await tenant.admin.post("/api/users", json={"email": f"pager{i}-{tenant.slug}@example.com", "name": "P",
                                                    "role": "agent"})
    assert_problem(await tenant.admin.get("/api/users", params={"limit": 201}), 422)
    assert_problem(await tenant.admin.get("/api/users", params={"cursor": "garbage"}), 422)
    seen, cursor = [], None
    while True:
        page = (await tenant.admin.get("/api/users", params={"limit": 2, **({"cursor": cursor} if cursor else {})})).json()
        assert len(page["items"]) <= 2
        seen += [u["email"] for u in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 6
