from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, MultipartBody, QueryParameter
from litestar.response import File

from backend.context import AppContext
from backend.domains.contacts.imports import MAX_CONTACT_FILE_BYTES, ImportService, start_from_form
from backend.domains.contacts.schemas import (
    ContactIn, ContactListCreate, ContactListOut, ContactListUpdate, ContactOut, ContactRows, ContactUpdate,
    ExportFormat, ImportOut, ImportStart, ImportUpload, MappingCreate, MappingOut, PreviewOut,
)
from backend.domains.contacts.services import ContactListService
from backend.exporting import download
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission

READ = [requires(Permission.campaigns_read)]
WRITE = [requires(Permission.contacts_write)]
Search = Annotated[str | None, QueryParameter(max_length=100)]


def provide_lists(tenant_scope: NamedDependency[TenantScope]) -> ContactListService:
    return ContactListService(tenant_scope)


def provide_imports(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> ImportService:
    return ImportService(tenant_scope, ctx.import_runner.files, ctx.import_runner)


_dependencies = {"lists": Provide(provide_lists, sync_to_thread=False),
                 "imports": Provide(provide_imports, sync_to_thread=False)}


class ContactListController(Controller):
    path = "/api/contact-lists"
    tags = ["contacts"]
    opt = TENANT
    dependencies = _dependencies

    @get("/", guards=READ, operation_id="listContactLists")
    async def list_lists(self, lists: NamedDependency[ContactListService], paging: NamedDependency[PageParams],
                         search: Search = None) -> Page[ContactListOut]:
        page = await lists.page(paging, search)
        return Page(items=[ContactListOut.of(d) for d in page.items], next_cursor=page.next_cursor)

    @post("/", guards=WRITE, operation_id="createContactList")
    async def create_list(self, data: JSONBody[ContactListCreate],
                          lists: NamedDependency[ContactListService]) -> ContactListOut:
        return ContactListOut.of(await lists.create(data.name, data.comment))

    @get("/{list_id:str}", guards=READ, operation_id="getContactList")
    async def get_list(self, list_id: FromPath[str], lists: NamedDependency[ContactListService]) -> ContactListOut:
        return ContactListOut.of(await lists.get(list_id))

    @patch("/{list_id:str}", guards=WRITE, operation_id="updateContactList")
    async def update_list(self, list_id: FromPath[str], data: JSONBody[ContactListUpdate],
                          lists: NamedDependency[ContactListService]) -> ContactListOut:
        return ContactListOut.of(await lists.update(list_id, data.changes()))

    @delete("/{list_id:str}", guards=WRITE, operation_id="deleteContactList", status_code=204,
            description="Delete a list and its contacts; refused (409 contact_list.in_use) while an unfinished "
                        "campaign calls it, or during an import into it.")
    async def delete_list(self, list_id: FromPath[str], lists: NamedDependency[ContactListService]) -> None:
        await lists.delete(list_id)

    @get("/{list_id:str}/contacts", guards=READ, operation_id="listContacts",
         description="The list's contacts, newest first; `search` matches name, external ID or phone digits.")
    async def list_contacts(self, list_id: FromPath[str], lists: NamedDependency[ContactListService],
                            paging: NamedDependency[PageParams], search: Search = None) -> Page[ContactOut]:
        page = await lists.contacts_page(list_id, paging, search)
        return Page(items=[ContactOut.of(d) for d in page.items], next_cursor=page.next_cursor)

    @post("/{list_id:str}/contacts", guards=WRITE, operation_id="addContact",
          description="Add one contact; phones are normalised to E.164 with the organisation's phone region.")
    async def add_contact(self, list_id: FromPath[str], data: JSONBody[ContactIn],
                          lists: NamedDependency[ContactListService]) -> ContactOut:
        return ContactOut.of(await lists.add_contact(list_id, data))

    @patch("/{list_id:str}/contacts/{contact_id:str}", guards=WRITE, operation_id="updateContact")
    async def update_contact(self, list_id: FromPath[str], contact_id: FromPath[str], data: JSONBody[ContactUpdate],
                             lists: NamedDependency[ContactListService]) -> ContactOut:
        return ContactOut.of(await lists.update_contact(list_id, contact_id, data.changes()))

    @delete("/{list_id:str}/contacts/{contact_id:str}", guards=WRITE, operation_id="deleteContact", status_code=204)
    async def delete_contact(self, list_id: FromPath[str], contact_id: FromPath[str],
                             lists: NamedDependency[ContactListService]) -> None:
        await lists.delete_contact(list_id, contact_id)

    @post("/{list_id:str}/rows", guards=WRITE, operation_id="importContactRows",
          description="Import up to 1,000 contacts sent as JSON, all or nothing, before the answer: the counts and "
                      "every row's problems (by index in `rows`) come back.")
    async def import_rows(self, list_id: FromPath[str], data: JSONBody[ContactRows],
                          imports: NamedDependency[ImportService]) -> ImportOut:
        job, problems = await imports.import_rows(list_id, data)
        return ImportOut.of(job, problems=problems)

    @post("/{list_id:str}/imports", guards=WRITE, operation_id="uploadContactFile",
          request_max_body_size=MAX_CONTACT_FILE_BYTES + 64 * 1024,
          description="Upload a CSV or XLSX file (multipart field `file`, at most 100 MB). With `mapping` (a "
                      "ColumnMapping as JSON) or `mapping_id`, plus optional `sheet` and `policy` (skip|update), "
                      "the import starts at once in the background: poll GET /api/contact-imports/{id}. Without "
                      "them the file is stored and previewed for mapping; start it with POST …/start.")
    async def upload(self, list_id: FromPath[str], data: MultipartBody[ImportUpload],
                     imports: NamedDependency[ImportService]) -> ImportOut:
        start = start_from_form(data.mapping, data.mapping_id, data.sheet, data.policy)
        job, shown = await imports.upload(list_id, data.file, start)
        return ImportOut.of(job, preview=shown)

    @get("/{list_id:str}/export", guards=READ, operation_id="exportContactList",
         description="The list as CSV (UTF-8 with BOM, `;`) or XLSX, in the columns an import maps back.")
    async def export(self, list_id: FromPath[str], lists: NamedDependency[ContactListService],
                     format: Annotated[ExportFormat, QueryParameter()] = "xlsx") -> File:
        contact_list, path = await lists.export(list_id, format)
        return download(path, format, contact_list.name)


class ContactImportController(Controller):
    path = "/api/contact-imports"
    tags = ["contacts"]
    opt = TENANT
    dependencies = _dependencies

    @get("/", guards=READ, operation_id="listContactImports")
    async def list_imports(self, imports: NamedDependency[ImportService], paging: NamedDependency[PageParams],
                           list_id: Annotated[str | None, QueryParameter(max_length=24)] = None) -> Page[ImportOut]:
        page = await imports.page(paging, list_id)
        return Page(items=[ImportOut.of(d) for d in page.items], next_cursor=page.next_cursor)

    @get("/{import_id:str}", guards=READ, operation_id="getContactImport",
         description="An import's state, counts and progress (0..1 of the file read, when known).")
    async def get_import(self, import_id: FromPath[str], imports: NamedDependency[ImportService]) -> ImportOut:
        return ImportOut.of(await imports.get(import_id))

    @get("/{import_id:str}/preview", guards=READ, operation_id="previewContactImport")
    async def preview(self, import_id: FromPath[str], imports: NamedDependency[ImportService],
                      sheet: Annotated[str | None, QueryParameter(max_length=100)] = None) -> PreviewOut:
        return await imports.preview(import_id, sheet)

    @post("/{import_id:str}/start", guards=WRITE, operation_id="startContactImport", status_code=202)
    async def start(self, import_id: FromPath[str], data: JSONBody[ImportStart],
                    imports: NamedDependency[ImportService]) -> ImportOut:
        return ImportOut.of(await imports.start(import_id, data))

    @get("/{import_id:str}/report", guards=READ, operation_id="downloadContactImportReport",
         description="The error report: one line per problem (row, column, code, message ru/en), CSV for Excel.")
    async def report(self, import_id: FromPath[str], imports: NamedDependency[ImportService]) -> File:
        job = await imports.get(import_id)
        return File(imports.report_path(job), filename=f"errors-{job.id}.csv", media_type="text/csv; charset=utf-8")


class ContactMappingController(Controller):
    path = "/api/contact-mappings"
    tags = ["contacts"]
    opt = TENANT
    dependencies = _dependencies

    @get("/", guards=READ, operation_id="listContactMappings")
    async def list_mappings(self, imports: NamedDependency[ImportService],
                            paging: NamedDependency[PageParams]) -> Page[MappingOut]:
        page = await imports.mappings_page(paging)
        return Page(items=[MappingOut.of(d) for d in page.items], next_cursor=page.next_cursor)

    @post("/", guards=WRITE, operation_id="createContactMapping")
    async def create_mapping(self, data: JSONBody[MappingCreate], imports: NamedDependency[ImportService]) -> MappingOut:
        return MappingOut.of(await imports.save_mapping(data.name, data.mapping))

    @delete("/{mapping_id:str}", guards=WRITE, operation_id="deleteContactMapping", status_code=204)
    async def delete_mapping(self, mapping_id: FromPath[str], imports: NamedDependency[ImportService]) -> None:
        await imports.delete_mapping(mapping_id)
