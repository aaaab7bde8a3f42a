"""Background jobs of the API process (contact imports, campaign exports): documents in a ``queued`` state,
claimed atomically (several API processes may look) and run one at a time per queue. What a stopped process
left half-done is settled by the queue's ``recover`` on start."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from beanie import Document

from tenants.documents import utcnow

log = logging.getLogger(__name__)
J = TypeVar("J", bound=Document)
POLL_SECONDS = 2


async def update_job(job: Document, **changes: Any) -> None:
    """Records a job's progress or end on its document (one update; the in-memory copy follows)."""
    for name, value in changes.items():
        setattr(job, name, value)
    await type(job).get_pymongo_collection().update_one(
        {"_id": job.id}, {"$set": {**changes, "updated_at": utcnow()}})


class JobQueue(Generic[J]):
    def __init__(self, name: str, model: type[J], run: Callable[[J], Awaitable[None]],
                 recover: Callable[[], Awaitable[None]], *, queued: str = "queued", claimed: str) -> None:
        self.name, self.model = name, model
        self._run, self._recover = run, recover
        self._queued, self._claimed = queued, claimed
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    def submit(self) -> None:
        """A job was queued: look for it now rather than at the next poll."""
        self._wake.set()

    async def start(self) -> None:
        await self._recover()
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _claim(self) -> J | None:
        raw = await self.model.get_pymongo_collection().find_one_and_update(
            {"state": self._queued}, {"$set": {"state": self._claimed, "updated_at": utcnow()}}, sort=[("_id", 1)])
        return self.model.model_validate(raw) if raw else None

    async def _loop(self) -> None:
        while True:
            try:
                job = await self._claim()
                if job is None:
                    self._wake.clear()
                    try:
                        await asyncio.wait_for(self._wake.wait(), timeout=POLL_SECONDS)
                    except TimeoutError:
                        pass
                    continue
                await self._run(job)
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup: keep serving the queue
                log.exception("%s", self.name)
                await asyncio.sleep(1)
