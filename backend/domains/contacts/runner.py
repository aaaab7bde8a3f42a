"""Runs queued imports in the background of the API process, one at a time, and after a restart settles
the imports a stopped process left behind (roll back what was being read, finish what was committing)."""

from __future__ import annotations

import asyncio
import logging

from bson import ObjectId

from backend.domains.contacts.importing import ImportFiles, ImportJob
from backend.domains.contacts.models import ContactImport, ImportState
from tenants.documents import utcnow
from tenants.models import Tenant

log = logging.getLogger(__name__)

INTERRUPTED = {"code": "import.interrupted", "detail": "The server restarted during the import; nothing was imported.",
               "detail_ru": "Сервер перезапустился во время импорта; ничего не загружено.", "field": None}


class ImportRunner:
    def __init__(self, files: ImportFiles) -> None:
        self.files = files
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    def submit(self) -> None:
        """A job was queued: look for it now rather than at the next poll."""
        self._wake.set()

    async def start(self) -> None:
        await self._recover()
        self._task = asyncio.create_task(self._loop(), name="contact-imports")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def wait_idle(self, job_id: str, timeout: float) -> ContactImport:
        """The job once it has finished (or as it is after ``timeout``): small API imports answer at once."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            job = await ContactImport.get(ObjectId(job_id))
            if job.state in (ImportState.completed, ImportState.failed) or \
                    asyncio.get_running_loop().time() >= deadline:
                return job
            await asyncio.sleep(0.05)

    async def _recover(self) -> None:
        async for job in ContactImport.find({"state": {"$in": [ImportState.reading, ImportState.committing]}}):
            runner = await self._job(job)
            if job.state == ImportState.committing:
                await runner.commit()
            else:
                await runner.roll_back(INTERRUPTED)

    async def _job(self, job: ContactImport) -> ImportJob:
        tenant = await Tenant.get(ObjectId(job.tenant_id))
        return ImportJob(job, self.files, tenant.default_region if tenant else "RU")

    async def _claim(self) -> ContactImport | None:
        """The oldest queued job, taken atomically (another API process may be looking too)."""
        raw = await ContactImport.get_pymongo_collection().find_one_and_update(
            {"state": ImportState.queued}, {"$set": {"state": ImportState.reading, "updated_at": utcnow()}},
            sort=[("_id", 1)])
        return ContactImport.model_validate(raw) if raw else None

    async def _loop(self) -> None:
        while True:
            try:
                job = await self._claim()
                if job is None:
                    self._wake.clear()
                    try:
                        await asyncio.wait_for(self._wake.wait(), timeout=2)
                    except TimeoutError:
                        pass
                    continue
                await (await self._job(job)).run()
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup: keep serving the queue
                log.exception("import runner")
                await asyncio.sleep(1)
