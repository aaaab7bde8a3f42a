"""Starting a large campaign in the background: its contacts are copied by a job (progress on the
``CampaignStart``), then the campaign starts exactly as a small one does in the request."""

from __future__ import annotations

import logging

from redis.asyncio import Redis

from backend.domains.campaigns.models import CampaignStart, JobState
from backend.domains.campaigns.services import CampaignService
from backend.errors import AppError
from backend.jobs import JobQueue, update_job
from backend.repository import TenantScope
from backend.security.principal import Principal, PrincipalKind
from backend.security.roles import Role
from tenants.documents import utcnow

log = logging.getLogger(__name__)


class StartRunner(JobQueue[CampaignStart]):
    def __init__(self, redis: Redis) -> None:
        super().__init__("campaign-starts", CampaignStart, self._run_job, self._recover_jobs,
                         queued=JobState.queued, claimed=JobState.running)
        self.redis = redis

    async def _run_job(self, job: CampaignStart) -> None:
        actor = job.actor
        principal = Principal(PrincipalKind(actor["kind"]), actor["id"], actor["label"], Role(actor["role"]),
                              actor["tenant_id"])
        campaigns = CampaignService(TenantScope(job.tenant_id, principal), self.redis)
        try:
            campaign = await campaigns.get(job.campaign_id)
            flow_version = await campaigns.check_startable(campaign)  # things may have changed while queued
            await campaigns.copy_and_launch(campaign, flow_version,
                                            on_progress=lambda copied: update_job(job, copied=copied))
        except AppError as exc:
            await update_job(job, state=JobState.failed, finished_at=utcnow(),
                            error={"code": exc.code, "detail": exc.detail})
            return
        except Exception:
            log.exception("campaign start %s", job.id)
            await update_job(job, state=JobState.failed, finished_at=utcnow(),
                            error={"code": "campaign.start_failed", "detail": "Copying the contacts failed; try again."})
            return
        await update_job(job, state=JobState.completed, finished_at=utcnow())

    async def _recover_jobs(self) -> None:
        # Copying starts again from nothing (copy_and_launch removes what an earlier run copied).
        await CampaignStart.get_pymongo_collection().update_many(
            {"state": JobState.running}, {"$set": {"state": JobState.queued, "copied": 0}})
