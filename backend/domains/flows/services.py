"""Flows: drafts saved with a revision, validated, published as immutable numbered versions."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from bson import ObjectId
from pymongo.errors import DuplicateKeyError

from backend.domains.audio.models import AudioAsset
from backend.errors import AppError, Conflict, FieldError, NotFound
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from flow_runtime.diff import diff_graphs
from flow_runtime.flow_documents import Flow, FlowVersion
from flow_runtime.graph import FlowGraph
from flow_runtime.outbound.models import FINAL_STATES, Campaign
from flow_runtime.references import graph_references
from flow_runtime.validation import ReferenceIndex, ValidationIssue, has_errors, validate_flow
from tenants.documents import utcnow
from tenants.numbers import InboundNumber

MAX_NAME_ATTEMPTS = 50


class FlowInvalid(AppError):
    status = 422
    code = "flow.invalid"
    title = "The flow has errors"


def _refs(graph: FlowGraph) -> dict[str, list[str]]:
    return {kind: sorted(ids) for kind, ids in graph_references(graph).items()}


def issues_as_dicts(issues: list[ValidationIssue]) -> list[dict[str, Any]]:
    return [asdict(issue) for issue in issues]


async def flows_referencing(tenant_id: str, kind: str, object_id: str) -> tuple[set[str], set[str]]:
    """Ids of the tenant's flows whose current published version, and whose draft, refer to the object
    (``kind`` as in the declarations' x-ref: audio, flow, queue, trunk). Indexed queries only."""
    field = f"references.{kind}"
    drafts = await Flow.get_pymongo_collection().distinct("_id", {"tenant_id": tenant_id, field: object_id})
    versions = await FlowVersion.get_pymongo_collection().find(
        {"tenant_id": tenant_id, field: object_id}, {"flow_id": 1, "version": 1}).to_list()
    candidates = {v["flow_id"] for v in versions}
    current = await Flow.get_pymongo_collection().find(
        {"tenant_id": tenant_id, "_id": {"$in": [ObjectId(i) for i in candidates]}}, {"published_version": 1}).to_list()
    published_now = {(str(f["_id"]), f.get("published_version")) for f in current}
    published = {v["flow_id"] for v in versions if (v["flow_id"], v["version"]) in published_now}
    return published, {str(i) for i in drafts}


def name_taken(name: str) -> Conflict:
    message = f"A flow named «{name}» already exists."
    return Conflict(message, code="flow.name_taken", errors=[FieldError("name", "flow.name_taken", message)])


class FlowService:
    def __init__(self, tenant_scope: TenantScope) -> None:
        self.scope = tenant_scope
        self.flows = TenantRepository(Flow, tenant_scope)
        self.versions = TenantRepository(FlowVersion, tenant_scope)

    # --- reading -------------------------------------------------------------------------------------
    async def list(self, paging: PageParams, search: str | None) -> Page[Flow]:
        query = {"name": {"$regex": re.escape(search), "$options": "i"}} if search else {}
        return await self.flows.page(query, paging)

    async def get(self, flow_id: str) -> Flow:
        return await self.flows.get(flow_id)

    async def usage(self, flow: Flow) -> dict[str, list[str]]:
        """What would break if this flow went away: numbers that start it, flows that call it, campaigns
        that have not finished running it."""
        flow_id = str(flow.id)
        numbers = await InboundNumber.find(self.flows.scoped({"flow_id": flow_id})).to_list()
        published, drafts = await flows_referencing(self.scope.tenant_id, "flow", flow_id)
        campaigns = await Campaign.find(self.flows.scoped({"flow_id": flow_id, "state": {"$nin": list(FINAL_STATES)}})
                                        ).to_list()
        return {"numbers": sorted(n.number for n in numbers), "flows": sorted((published | drafts) - {flow_id}),
                "campaigns": sorted(c.name for c in campaigns)}

    async def reference_index(self) -> ReferenceIndex:
        # Ids only: this runs on every draft save, and whole flows carry their graphs.
        audio = await AudioAsset.get_pymongo_collection().distinct("_id", self.flows.scoped())
        flows = await Flow.get_pymongo_collection().distinct("_id", self.flows.scoped())
        # Queues and trunks are not managed yet: their references are not checked.
        return ReferenceIndex(audio_ids={str(i) for i in audio}, flow_ids={str(i) for i in flows})

    async def validate(self, graph: FlowGraph, flow_id: str | None = None) -> list[ValidationIssue]:
        return validate_flow(graph, await self.reference_index(), flow_id=flow_id)

    # --- writing -------------------------------------------------------------------------------------
    async def create(self, name: str, description: str, graph: FlowGraph | None) -> Flow:
        graph = graph or FlowGraph()
        flow = Flow(tenant_id=self.scope.tenant_id, name=name, description=description,
                    draft=graph.model_dump(mode="json"), references=_refs(graph),
                    draft_saved_by=self.scope.actor.label)
        try:
            return await self.flows.insert(flow)
        except DuplicateKeyError:
            raise name_taken(name) from None

    async def _free_name(self, wanted: str) -> str:
        for attempt in range(1, MAX_NAME_ATTEMPTS + 1):
            candidate = wanted if attempt == 1 else f"{wanted} ({attempt})"
            if await self.flows.find_one({"name": candidate}) is None:
                return candidate
        raise name_taken(wanted)

    async def update(self, flow_id: str, changes: dict[str, Any]) -> Flow:
        flow = await self.flows.get(flow_id)
        try:
            return await self.flows.update(flow, changes)
        except DuplicateKeyError:
            raise name_taken(changes.get("name", flow.name)) from None

    async def save_draft(self, flow_id: str, graph: FlowGraph, revision: int) -> tuple[Flow, list[ValidationIssue]]:
        """Stores the draft only if nobody saved since ``revision``: no save silently overwrites another."""
        flow = await self.flows.get(flow_id)
        saved = await self.flows.update_where(
            flow, {"revision": revision},
            {"draft": graph.model_dump(mode="json"), "references": _refs(graph), "revision": revision + 1,
             "draft_saved_by": self.scope.actor.label},
            action="save_draft",
        )
        if not saved:
            current = await self.flows.get(flow_id)
            raise Conflict(
                f"Someone else saved this flow meanwhile (revision {current.revision}, by {current.draft_saved_by}).",
                code="flow.revision_conflict",
                extra={"current_revision": current.revision, "saved_by": current.draft_saved_by},
            )
        return flow, await self.validate(graph, flow_id)

    async def _publish_graph(self, flow: Flow, graph: FlowGraph, note: str) -> FlowVersion:
        issues = await self.validate(graph, str(flow.id))
        if has_errors(issues):
            raise FlowInvalid("Fix the errors before publishing.", extra={"issues": issues_as_dicts(issues)})
        number = (flow.published_version or 0) + 1
        latest = await FlowVersion.find(self.versions.scoped({"flow_id": str(flow.id)})).sort("-version").first_or_none()
        if latest is not None:
            number = latest.version + 1
        version = FlowVersion(tenant_id=self.scope.tenant_id, flow_id=str(flow.id), version=number,
                              graph=graph.model_dump(mode="json"), note=note, author=self.scope.actor.label,
                              references=_refs(graph))
        try:
            await self.versions.insert(version)
        except DuplicateKeyError:
            raise Conflict("Someone else published this flow at the same moment; try again.",
                           code="flow.publish_conflict") from None
        await self.flows.update(flow, {"published_version": number, "published_at": version.published_at},
                                action="publish")
        return version

    async def publish(self, flow_id: str, note: str) -> FlowVersion:
        flow = await self.flows.get(flow_id)
        return await self._publish_graph(flow, FlowGraph.model_validate(flow.draft), note)

    async def versions_of(self, flow_id: str, paging: PageParams) -> Page[FlowVersion]:
        flow = await self.flows.get(flow_id)
        return await self.versions.page({"flow_id": str(flow.id)}, paging)

    async def version(self, flow_id: str, number: int) -> FlowVersion:
        flow = await self.flows.get(flow_id)
        version = await self.versions.find_one({"flow_id": str(flow.id), "version": number})
        if version is None:
            raise NotFound(f"The flow has no version {number}.", code="flow_version.not_found")
        return version

    async def rollback(self, flow_id: str, number: int, note: str) -> FlowVersion:
        """Publishes an older version again as the newest, and makes it the draft too."""
        old = await self.version(flow_id, number)
        flow = await self.flows.get(flow_id)
        graph = FlowGraph.model_validate(old.graph)
        version = await self._publish_graph(flow, graph, note or f"Rollback to version {number}")
        await self.flows.update(flow, {"draft": old.graph, "references": _refs(graph), "revision": flow.revision + 1,
                                       "draft_saved_by": self.scope.actor.label}, action="rollback")
        return version

    async def diff(self, flow_id: str, from_version: int, to_version: int) -> dict[str, Any]:
        old = await self.version(flow_id, from_version)
        new = await self.version(flow_id, to_version)
        return diff_graphs(FlowGraph.model_validate(old.graph), FlowGraph.model_validate(new.graph))

    async def duplicate(self, flow_id: str, name: str | None) -> Flow:
        source = await self.flows.get(flow_id)
        name = await self._free_name(name or f"{source.name} (копия)")
        return await self.create(name, source.description, FlowGraph.model_validate(source.draft))

    async def import_flow(self, name: str, description: str, graph: FlowGraph) -> Flow:
        return await self.create(await self._free_name(name), description, graph)

    async def delete(self, flow_id: str) -> None:
        flow = await self.flows.get(flow_id)
        usage = await self.usage(flow)
        if usage["numbers"] or usage["flows"] or usage["campaigns"]:
            raise Conflict("The flow is in use; unbind it first.", code="flow.in_use", extra={"usage": usage})
        await self.flows.delete(flow)
