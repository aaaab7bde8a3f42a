"""The tenant's do-not-call list at /api/dnc and the provider's installation-wide one at /api/provider/dnc:
the same endpoints, built once for both scopes."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, MultipartBody, QueryParameter
from litestar.response import File

from backend.domains.dnc.schemas import DncCreate, DncImportOut, DncOut, DncUpload
from backend.domains.dnc.services import MAX_DNC_FILE_BYTES, DncService
from backend.exporting import ExportFormat, download
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import PROVIDER, TENANT, provider_only, requires
from backend.security.principal import Principal
from backend.security.roles import Permission
from flow_runtime.outbound.models import PROVIDER_WIDE


def provide_tenant_dnc(tenant_scope: NamedDependency[TenantScope]) -> DncService:
    return DncService(tenant_scope)


def provide_provider_dnc(request: Request) -> DncService:
    principal: Principal = request.user
    return DncService(TenantScope(PROVIDER_WIDE, principal))


def dnc_controller(*, path: str, opt: dict, read_guards: list, write_guards: list, provide, prefix: str,
                   scope_words: str) -> type[Controller]:
    class DncController(Controller):
        tags = ["dnc"]
        dependencies = {"dnc": Provide(provide, sync_to_thread=False)}

        @get("/", guards=read_guards, operation_id=f"list{prefix}Dnc",
             description=f"{scope_words} do-not-call numbers, newest first; `search` matches digits.")
        async def list_entries(self, dnc: NamedDependency[DncService], paging: NamedDependency[PageParams],
                               search: Annotated[str | None, QueryParameter(max_length=40)] = None) -> Page[DncOut]:
            page = await dnc.page(paging, search)
            return Page(items=[DncOut.of(e) for e in page.items], next_cursor=page.next_cursor)

        @post("/", guards=write_guards, operation_id=f"add{prefix}Dnc")
        async def add(self, data: JSONBody[DncCreate], dnc: NamedDependency[DncService]) -> DncOut:
            return DncOut.of(await dnc.add(data.number, data.reason))

        @delete("/{entry_id:str}", guards=write_guards, operation_id=f"delete{prefix}Dnc", status_code=204)
        async def remove(self, entry_id: FromPath[str], dnc: NamedDependency[DncService]) -> None:
            await dnc.delete(entry_id)

        @post("/import", guards=write_guards, operation_id=f"import{prefix}Dnc",
              request_max_body_size=MAX_DNC_FILE_BYTES + 64 * 1024,
              description="Add the numbers of a CSV or XLSX file (multipart `file`, at most 20 MB; a column named "
                          "like phone/телефон/номер, else the first; an optional reason/причина column; `reason` "
                          "for rows without one). The whole file is checked before anything is added.")
        async def import_file(self, data: MultipartBody[DncUpload], dnc: NamedDependency[DncService]) -> DncImportOut:
            return await dnc.import_file(data.file, (data.reason or "")[:500])

        @get("/export", guards=read_guards, operation_id=f"export{prefix}Dnc")
        async def export(self, dnc: NamedDependency[DncService],
                         format: Annotated[ExportFormat, QueryParameter()] = "xlsx") -> File:
            return download(await dnc.export(format), format, "do-not-call")

    DncController.path = path
    DncController.opt = opt
    DncController.__name__ = DncController.__qualname__ = f"{prefix}DncController"
    return DncController


TenantDncController = dnc_controller(
    path="/api/dnc", opt=TENANT, read_guards=[requires(Permission.campaigns_read)],
    write_guards=[requires(Permission.contacts_write)], provide=provide_tenant_dnc, prefix="", scope_words="The organisation's")
ProviderDncController = dnc_controller(
    path="/api/provider/dnc", opt=PROVIDER, read_guards=[provider_only], write_guards=[provider_only],
    provide=provide_provider_dnc, prefix="Provider", scope_words="Installation-wide")
