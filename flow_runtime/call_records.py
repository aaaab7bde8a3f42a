"""What the runtime keeps of each call: the call record (with its trace of node steps) and callback
requests for agents. Records are written in batches, never one database write per event."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any, ClassVar

import pymongo
from pydantic import BaseModel, Field

from tenants.documents import TenantDocument, utcnow

log = logging.getLogger(__name__)


class TraceEntry(BaseModel):
    node_id: str
    node_type: str
    at: datetime
    output: str | None = None
    dtmf: str | None = None
    error: str | None = None


class CallRecord(TenantDocument):
    flow_id: str | None = None
    flow_version: int | None = None
    direction: str = "inbound"
    channel_id: str
    caller: str = ""
    dialed: str = ""
    started_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str
    hangup_cause: str | None = None
    result: dict[str, Any] | None = None
    variables: dict[str, Any] = Field(default_factory=dict)
    trace: list[TraceEntry] = Field(default_factory=list)

    object_type: ClassVar[str] = "call"

    class Settings:
        name = "call_records"
        indexes = [
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("_id", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("started_at", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("dialed", pymongo.ASCENDING),
                                ("started_at", pymongo.DESCENDING)]),
            pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("caller", pymongo.ASCENDING),
                                ("started_at", pymongo.DESCENDING)]),
        ]


class CallbackRequest(TenantDocument):
    """A caller asked to be called back (заявка на обратный звонок): a task for the tenant's agents."""

    number: str
    note: str | None = None
    call_id: str
    status: str = "open"
    requested_at: datetime = Field(default_factory=utcnow)

    object_type: ClassVar[str] = "callback_request"

    class Settings:
        name = "callback_requests"
        indexes = [pymongo.IndexModel([("tenant_id", pymongo.ASCENDING), ("status", pymongo.ASCENDING),
                                       ("_id", pymongo.DESCENDING)])]


class RecordWriter:
    """Collects finished call records and inserts them in batches (by size or after a short delay)."""

    def __init__(self, batch_size: int = 200, max_delay_seconds: float = 0.5) -> None:
        self._pending: list[CallRecord] = []
        self._batch_size = batch_size
        self._delay = max_delay_seconds
        self._wakeup = asyncio.Event()
        self._stopped = False
        self.written = 0

    def add(self, record: CallRecord) -> None:
        self._pending.append(record)
        if len(self._pending) >= self._batch_size:
            self._wakeup.set()

    async def flush(self) -> None:
        batch, self._pending = self._pending, []
        if batch:
            try:
                # Straight to the driver: Beanie's generic encoder costs more CPU than the call itself.
                await CallRecord.get_pymongo_collection().insert_many(
                    [record.model_dump(exclude={"id", "revision_id"}) for record in batch], ordered=False)
                self.written += len(batch)
            except Exception:  # noqa: BLE001 - keep them for the next flush rather than lose them
                log.exception("writing %d call records failed; will retry", len(batch))
                self._pending[:0] = batch

    async def run(self) -> None:
        while not self._stopped:
            try:
                await asyncio.wait_for(self._wakeup.wait(), self._delay)
            except TimeoutError:
                pass
            self._wakeup.clear()
            await self.flush()

    async def stop(self) -> None:
        self._stopped = True
        self._wakeup.set()
        await self.flush()
