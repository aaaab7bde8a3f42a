from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from backend.schemas import RequestModel, ResponseModel, ShortText
from flow_runtime.graph import FlowGraph

Description = Annotated[str, StringConstraints(max_length=2000)]
Note = Annotated[str, StringConstraints(max_length=1000)]
EXPORT_FORMAT = "voxflow.flow"


class FlowCreate(RequestModel):
    name: ShortText
    description: Description = ""
    graph: FlowGraph | None = None


class FlowUpdate(RequestModel):
    name: ShortText | None = None
    description: Description | None = None


class DraftSave(RequestModel):
    graph: FlowGraph
    revision: int = Field(ge=1, description="The revision the editor started from; a stale one is a conflict.")


class GraphCheck(RequestModel):
    graph: FlowGraph


class PublishRequest(RequestModel):
    note: Note = ""


class DuplicateRequest(RequestModel):
    name: ShortText | None = None


class FlowExport(RequestModel):
    """The file a flow is exported to and imported from."""

    format: Literal["voxflow.flow"] = EXPORT_FORMAT
    format_version: Literal[1] = 1
    name: ShortText
    description: Description = ""
    graph: FlowGraph


class Issue(ResponseModel):
    code: str
    severity: str
    message: dict[str, str]
    node_id: str | None = None
    edge_id: str | None = None
    field: str | None = None
    output: str | None = None


class FlowUsage(ResponseModel):
    numbers: list[str] = []
    flows: list[str] = []  # flows that run this one as a subflow
    campaigns: list[str] = []  # campaigns not yet finished that run it


class FlowSummary(ResponseModel):
    id: str
    name: str
    description: str
    revision: int
    published_version: int | None
    published_at: datetime | None
    updated_at: datetime
    usage: FlowUsage


class FlowOut(FlowSummary):
    draft: dict[str, Any]
    draft_saved_by: str | None
    issues: list[Issue]


class DraftSaved(ResponseModel):
    revision: int
    issues: list[Issue]


class VersionSummary(ResponseModel):
    version: int
    note: str
    author: str
    published_at: datetime

    @classmethod
    def of(cls, version) -> "VersionSummary":
        return cls.model_validate(version.model_dump())


class VersionOut(VersionSummary):
    graph: dict[str, Any]


class GraphDiff(ResponseModel):
    from_version: int
    to_version: int
    nodes: dict[str, list[str]]
    edges: dict[str, list[str]]
