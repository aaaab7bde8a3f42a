from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from backend.domains.numbers.schemas import NumberCreate, NumberOut, NumberUpdate
from backend.domains.numbers.services import NumberService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission


def provide_number_service(tenant_scope: NamedDependency[TenantScope]) -> NumberService:
    return NumberService(tenant_scope)


class NumberController(Controller):
    path = "/api/numbers"
    tags = ["numbers"]
    opt = TENANT
    dependencies = {"numbers": Provide(provide_number_service, sync_to_thread=False)}

    @get("/", guards=[requires(Permission.flows_read)], operation_id="listNumbers",
         description="The organisation's inbound numbers (DIDs, E.164) and extensions, with the flow each starts.")
    async def list_numbers(self, numbers: NamedDependency[NumberService], paging: NamedDependency[PageParams],
                           search: Annotated[str | None, QueryParameter(max_length=32)] = None) -> Page[NumberOut]:
        page = await numbers.list(paging, search)
        return Page(items=[NumberOut.of(n) for n in page.items], next_cursor=page.next_cursor)

    @post("/", guards=[requires(Permission.numbers_manage)], operation_id="createNumber",
          description="Add a DID (normalised to E.164 with the organisation's phone region; unique across the "
                      "installation), a DID pattern in Asterisk syntax (e.g. `_7495XXXXXXX`; the most specific "
                      "pattern wins) or an extension (unique in the organisation), optionally bound to a flow.")
    async def create_number(self, data: JSONBody[NumberCreate], numbers: NamedDependency[NumberService]) -> NumberOut:
        return NumberOut.of(await numbers.create(data.number, data.kind, data.flow_id, data.description))

    @patch("/{number_id:str}", guards=[requires(Permission.numbers_manage)], operation_id="updateNumber",
           description="Bind a number to a flow (or unbind with null), or change its description.")
    async def update_number(self, number_id: FromPath[str], data: JSONBody[NumberUpdate],
                            numbers: NamedDependency[NumberService]) -> NumberOut:
        return NumberOut.of(await numbers.update(number_id, data.changes()))

    @delete("/{number_id:str}", guards=[requires(Permission.numbers_manage)], operation_id="deleteNumber",
            status_code=204)
    async def delete_number(self, number_id: FromPath[str], numbers: NamedDependency[NumberService]) -> None:
        await numbers.delete(number_id)
