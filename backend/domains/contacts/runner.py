"""Runs queued imports in the background of the API process, one at a time, and after a restart settles
the imports a stopped process left behind (roll back what was being read, finish what was committing)."""

from __future__ import annotations

from bson import ObjectId

from backend.domains.contacts.importing import ImportFiles, ImportJob
from backend.domains.contacts.models import ContactImport, ImportState
from backend.jobs import JobQueue
from tenants.models import Tenant

INTERRUPTED = {"code": "import.interrupted", "detail": "The server restarted during the import; nothing was imported.",
               "detail_ru": "Сервер перезапустился во время импорта; ничего не загружено.", "field": None}


class ImportRunner(JobQueue[ContactImport]):
    def __init__(self, files: ImportFiles) -> None:
        super().__init__("contact-imports", ContactImport, self._run_job, self._recover_jobs,
                         queued=ImportState.queued, claimed=ImportState.reading)
        self.files = files

    async def _job(self, job: ContactImport) -> ImportJob:
        tenant = await Tenant.get(ObjectId(job.tenant_id))
        return ImportJob(job, self.files, tenant.default_region if tenant else "RU")

    async def _run_job(self, job: ContactImport) -> None:
        await (await self._job(job)).run()

    async def _recover_jobs(self) -> None:
        async for job in ContactImport.find({"state": {"$in": [ImportState.reading, ImportState.committing]}}):
            runner = await self._job(job)
            if job.state == ImportState.committing:
                await runner.commit()
            else:
                await runner.roll_back(INTERRUPTED)
