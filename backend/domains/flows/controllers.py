from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from flow_runtime.flow_documents import Flow
from backend.domains.flows.schemas import (
    DraftSave, DraftSaved, DuplicateRequest, FlowCreate, FlowExport, FlowOut, FlowSummary, FlowUpdate, GraphCheck,
    GraphDiff, Issue, PublishRequest, VersionOut, VersionSummary,
)
from backend.domains.flows.services import FlowService, issues_as_dicts
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission
from flow_runtime.graph import FlowGraph

# A 2,000-node flow with long texts stays well under this.
MAX_GRAPH_BODY_BYTES = 8 * 1024 * 1024

read = [requires(Permission.flows_read)]
write = [requires(Permission.flows_write)]


def provide_flow_service(tenant_scope: NamedDependency[TenantScope]) -> FlowService:
    return FlowService(tenant_scope)


async def _summary(flows: FlowService, flow: Flow) -> dict:
    return {**flow.model_dump(), "id": str(flow.id), "usage": await flows.usage(flow)}


async def _full(flows: FlowService, flow: Flow) -> FlowOut:
    issues = await flows.validate(FlowGraph.model_validate(flow.draft), str(flow.id))
    return FlowOut.model_validate({**await _summary(flows, flow), "issues": issues_as_dicts(issues)})


class FlowController(Controller):
    path = "/api/flows"
    tags = ["flows"]
    opt = TENANT
    dependencies = {"flows": Provide(provide_flow_service, sync_to_thread=False)}

    @get("/", guards=read, operation_id="listFlows",
         description="The organisation's flows, newest first, with their last published version and usage.")
    async def list_flows(self, flows: NamedDependency[FlowService], paging: NamedDependency[PageParams],
                         search: Annotated[str | None, QueryParameter(max_length=100)] = None) -> Page[FlowSummary]:
        page = await flows.list(paging, search)
        return Page(items=[FlowSummary.model_validate(await _summary(flows, f)) for f in page.items],
                    next_cursor=page.next_cursor)

    @post("/", guards=write, operation_id="createFlow", request_max_body_size=MAX_GRAPH_BODY_BYTES)
    async def create_flow(self, data: JSONBody[FlowCreate], flows: NamedDependency[FlowService]) -> FlowOut:
        return await _full(flows, await flows.create(data.name, data.description, data.graph))

    @post("/validate", guards=read, operation_id="validateGraph", status_code=200,
          request_max_body_size=MAX_GRAPH_BODY_BYTES,
          description="Check a graph without saving it: the list of issues, each with node/edge/field, "
                      "severity, stable code and ru/en message.")
    async def validate_graph(self, data: JSONBody[GraphCheck], flows: NamedDependency[FlowService]) -> list[Issue]:
        return [Issue.model_validate(i) for i in issues_as_dicts(await flows.validate(data.graph))]

    @post("/import", guards=write, operation_id="importFlow", request_max_body_size=MAX_GRAPH_BODY_BYTES,
          description="Create a flow from an exported file; a taken name gets a number appended.")
    async def import_flow(self, data: JSONBody[FlowExport], flows: NamedDependency[FlowService]) -> FlowOut:
        return await _full(flows, await flows.import_flow(data.name, data.description, data.graph))

    @get("/{flow_id:str}", guards=read, operation_id="getFlow",
         description="A flow with its draft, revision, validation issues and usage.")
    async def get_flow(self, flow_id: FromPath[str], flows: NamedDependency[FlowService]) -> FlowOut:
        return await _full(flows, await flows.get(flow_id))

    @patch("/{flow_id:str}", guards=write, operation_id="updateFlow", description="Rename or re-describe a flow.")
    async def update_flow(self, flow_id: FromPath[str], data: JSONBody[FlowUpdate],
                          flows: NamedDependency[FlowService]) -> FlowSummary:
        return FlowSummary.model_validate(await _summary(flows, await flows.update(flow_id, data.changes())))

    @delete("/{flow_id:str}", guards=write, operation_id="deleteFlow", status_code=204,
            description="Delete a flow; refused (409 flow.in_use, with `usage`) while a number or flow uses it.")
    async def delete_flow(self, flow_id: FromPath[str], flows: NamedDependency[FlowService]) -> None:
        await flows.delete(flow_id)

    @put("/{flow_id:str}/draft", guards=write, operation_id="saveDraft", request_max_body_size=MAX_GRAPH_BODY_BYTES,
         description="Save the draft. `revision` is the one the editor loaded; if someone saved since, the answer "
                     "is 409 flow.revision_conflict with `current_revision` and nothing is overwritten. Returns the "
                     "new revision and the draft's validation issues.")
    async def save_draft(self, flow_id: FromPath[str], data: JSONBody[DraftSave],
                         flows: NamedDependency[FlowService]) -> DraftSaved:
        flow, issues = await flows.save_draft(flow_id, data.graph, data.revision)
        return DraftSaved(revision=flow.revision, issues=[Issue.model_validate(i) for i in issues_as_dicts(issues)])

    @post("/{flow_id:str}/publish", guards=write, operation_id="publishFlow",
          description="Publish the draft as a new immutable version; refused with 422 flow.invalid and the "
                      "`issues` while it has errors. The runtime executes only published versions.")
    async def publish(self, flow_id: FromPath[str], data: JSONBody[PublishRequest],
                      flows: NamedDependency[FlowService]) -> VersionSummary:
        return VersionSummary.of(await flows.publish(flow_id, data.note))

    @get("/{flow_id:str}/versions", guards=read, operation_id="listFlowVersions")
    async def list_versions(self, flow_id: FromPath[str], flows: NamedDependency[FlowService],
                            paging: NamedDependency[PageParams]) -> Page[VersionSummary]:
        page = await flows.versions_of(flow_id, paging)
        return Page(items=[VersionSummary.of(v) for v in page.items], next_cursor=page.next_cursor)

    @get("/{flow_id:str}/versions/{version:int}", guards=read, operation_id="getFlowVersion")
    async def get_version(self, flow_id: FromPath[str], version: FromPath[int],
                          flows: NamedDependency[FlowService]) -> VersionOut:
        return VersionOut.model_validate((await flows.version(flow_id, version)).model_dump())

    @post("/{flow_id:str}/versions/{version:int}/rollback", guards=write, operation_id="rollbackFlow",
          description="Publish an older version again as the newest one; it also becomes the draft.")
    async def rollback(self, flow_id: FromPath[str], version: FromPath[int], data: JSONBody[PublishRequest],
                       flows: NamedDependency[FlowService]) -> VersionSummary:
        return VersionSummary.of(await flows.rollback(flow_id, version, data.note))

    @get("/{flow_id:str}/diff", guards=read, operation_id="diffFlowVersions",
         description="Nodes and edges added, removed, changed (and nodes only moved) between two versions.")
    async def diff(self, flow_id: FromPath[str], flows: NamedDependency[FlowService],
                   from_version: Annotated[int, QueryParameter(name="from", ge=1)],
                   to_version: Annotated[int, QueryParameter(name="to", ge=1)]) -> GraphDiff:
        return GraphDiff(from_version=from_version, to_version=to_version,
                         **await flows.diff(flow_id, from_version, to_version))

    @post("/{flow_id:str}/duplicate", guards=write, operation_id="duplicateFlow",
          description="Copy a flow's draft into a new flow.")
    async def duplicate(self, flow_id: FromPath[str], data: JSONBody[DuplicateRequest],
                        flows: NamedDependency[FlowService]) -> FlowOut:
        return await _full(flows, await flows.duplicate(flow_id, data.name))

    @get("/{flow_id:str}/export", guards=read, operation_id="exportFlow",
         description="The flow's draft as a JSON file that import accepts.")
    async def export(self, flow_id: FromPath[str], flows: NamedDependency[FlowService]) -> Response[FlowExport]:
        flow = await flows.get(flow_id)
        body = FlowExport(name=flow.name, description=flow.description, graph=FlowGraph.model_validate(flow.draft))
        filename = f"flow-{flow.id}.json"
        return Response(body, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
