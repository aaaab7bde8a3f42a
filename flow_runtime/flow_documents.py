"""Flows as stored: the draft (Flow) and its immutable published versions (FlowVersion). The API writes
them; the runtime reads the published versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import pymongo
from pydantic import Field

from tenants.documents import TenantDocument, utcnow


class Flow(TenantDocument):
    """A flow and its working draft. Published versions are separate, immutable documents."""

    name: str
    description: str = ""
    draft: dict[str, Any] = Field(default_factory=lambda: {"nodes": [], "edges": []})
    revision: int = 1  # increases with every draft save; a save names the revision it started from
    draft_saved_by: str | None = None
    references: dict[str, list[str]] = Field(default_factory=dict)  # of the draft: kind → ids
    published_version: int | None = None
    published_at: datetime | None = None

    object_type: ClassVar[str] = "flow"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"draft"})  # graphs are kept in versions, not the log

    class Settings:
        name = "flows"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("name", pymongo.ASCENDING)], unique=True),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("references.flow", pymongo.ASCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("references.audio", pymongo.ASCENDING)]),
        ]


class ImmutableVersion(Exception):
    """A published version was about to be changed: versions are written once."""


class FlowVersion(TenantDocument):
    """A published, numbered, immutable snapshot of a flow's graph. The runtime executes only these."""

    flow_id: str
    version: int
    graph: dict[str, Any]
    note: str = ""
    author: str
    published_at: datetime = Field(default_factory=utcnow)
    references: dict[str, list[str]] = Field(default_factory=dict)  # kind → ids, for "where used" look-ups

    object_type: ClassVar[str] = "flow_version"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"graph"})

    class Settings:
        name = "flow_versions"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("flow_id", pymongo.ASCENDING),
                                ("version", pymongo.DESCENDING)], unique=True),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("references.audio", pymongo.ASCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("references.flow", pymongo.ASCENDING)]),
        ]

    async def save(self, *args, **kwargs):
        raise ImmutableVersion("published flow versions cannot be changed")

    async def replace(self, *args, **kwargs):
        raise ImmutableVersion("published flow versions cannot be changed")

    def update(self, *args, **kwargs):
        raise ImmutableVersion("published flow versions cannot be changed")

    def set(self, *args, **kwargs):
        raise ImmutableVersion("published flow versions cannot be changed")

    async def delete(self, *args, **kwargs):
        raise ImmutableVersion("published flow versions cannot be deleted")
