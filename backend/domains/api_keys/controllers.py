from __future__ import annotations

from litestar.di import NamedDependency
from litestar.params import JSONBody, FromPath

from litestar import Controller, get, post
from litestar.di import Provide

from backend.context import AppContext
from backend.domains.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from backend.domains.api_keys.services import ApiKeyService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission


def provide_api_key_service(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> ApiKeyService:
    return ApiKeyService(ctx, tenant_scope)


class ApiKeyController(Controller):
    path = "/api/api-keys"
    tags = ["api keys"]
    opt = TENANT
    guards = [requires(Permission.api_keys_manage)]
    dependencies = {"api_keys": Provide(provide_api_key_service, sync_to_thread=False)}

    @get("/", operation_id="listApiKeys", description="The organisation's API keys (never the secrets).")
    async def list_keys(self, api_keys: NamedDependency[ApiKeyService], paging: NamedDependency[PageParams]) -> Page[ApiKeyOut]:
        page = await api_keys.list(paging)
        return Page(items=[ApiKeyOut.of(k) for k in page.items], next_cursor=page.next_cursor)

    @post("/", operation_id="createApiKey",
          description="Create a key for machine access. The key is in the response once and never again; send it "
                      "as `X-API-Key: <key>` or `Authorization: Bearer <key>`.")
    async def create_key(self, data: JSONBody[ApiKeyCreate], api_keys: NamedDependency[ApiKeyService]) -> ApiKeyCreated:
        key, raw = await api_keys.create(data.name, data.role, data.expires_at)
        return ApiKeyCreated.model_validate({**ApiKeyOut.of(key).model_dump(), "key": raw})

    @post("/{key_id:str}/revoke", operation_id="revokeApiKey", status_code=200,
          description="Revoke a key: it is refused from the next request on.")
    async def revoke_key(self, key_id: FromPath[str], api_keys: NamedDependency[ApiKeyService]) -> ApiKeyOut:
        return ApiKeyOut.of(await api_keys.revoke(key_id))
