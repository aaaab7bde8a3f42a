from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter

from backend.domains.calls.schemas import CallOut, CallSummary
from backend.domains.calls.services import CallHistory
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission


def provide_call_history(tenant_scope: NamedDependency[TenantScope]) -> CallHistory:
    return CallHistory(tenant_scope)


class CallController(Controller):
    path = "/api/calls"
    tags = ["calls"]
    opt = TENANT
    guards = [requires(Permission.history_read)]
    dependencies = {"history": Provide(provide_call_history, sync_to_thread=False)}

    @get("/", operation_id="listCalls",
         description="Call history, newest first; filter by a number (caller or dialed) and start time.")
    async def list_calls(
        self, history: NamedDependency[CallHistory], paging: NamedDependency[PageParams],
        number: Annotated[str | None, QueryParameter(max_length=32)] = None,
        since: Annotated[datetime | None, QueryParameter(description="ISO time, inclusive.")] = None,
        until: Annotated[datetime | None, QueryParameter(description="ISO time, exclusive.")] = None,
    ) -> Page[CallSummary]:
        page = await history.list(paging, number=number, since=since, until=until)
        return Page(items=[CallSummary.of(r) for r in page.items], next_cursor=page.next_cursor)

    @get("/{call_id:str}", operation_id="getCall",
         description="One call with its final flow variables and the trace of node steps (output, DTMF, errors).")
    async def get_call(self, call_id: FromPath[str], history: NamedDependency[CallHistory]) -> CallOut:
        return CallOut.model_validate({**(record := await history.get(call_id)).model_dump(), "id": str(record.id)})
