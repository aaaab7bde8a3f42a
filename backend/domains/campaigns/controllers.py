from __future__ import annotations

from typing import Annotated

import asyncio
import contextlib
import time
from datetime import datetime

from litestar import Controller, Response, WebSocket, delete, get, patch, post, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.response import File
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from backend.context import AppContext
from backend.errors import Conflict
from backend.exporting import MEDIA_TYPES
from backend.dependencies import WEBSOCKET_DEPENDENCIES
from backend.domains.campaigns.progress import CampaignProgress, campaign_progress, contact_counts
from backend.domains.campaigns.schemas import (
    AttemptOut, CampaignContactOut, CampaignCreate, CampaignOut, CampaignUpdate, ExportOut, ExportRequest, ReportOut,
    TaskIn,
)
from backend.domains.campaigns.services import CampaignService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission
from flow_runtime.outbound.models import AttemptOutcome, Campaign, CampaignState, ContactStatus

READ = [requires(Permission.campaigns_read)]
LIVE_INTERVAL_SECONDS = 1.0
TENANT_FEED_INTERVAL_SECONDS = 2.0
WRITE = [requires(Permission.campaigns_write)]


def provide_campaigns(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> CampaignService:
    return CampaignService(tenant_scope, ctx.redis)


class SharedSnapshots:
    """The feeds' snapshots, made at most once an interval per key in this process, however many pages
    watch the same campaign (each snapshot is a few database queries)."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[float, str]] = {}

    async def get(self, key: str, max_age: float, make) -> str:
        now = time.monotonic()
        made = self._made.get(key)
        if made and now - made[0] < max_age:
            return made[1]
        value = await make()
        self._made = {k: v for k, v in self._made.items() if now - v[0] < 60}  # forget unwatched feeds
        self._made[key] = (now, value)
        return value


SNAPSHOTS = SharedSnapshots()


async def push_until_closed(socket: WebSocket, snapshot, interval: float) -> None:
    """Sends ``snapshot()`` now and then every ``interval`` seconds until the browser goes away."""
    await socket.accept()

    async def push() -> None:
        while True:
            await socket.send_text(await snapshot())
            await asyncio.sleep(interval)

    pushing = asyncio.create_task(push())
    with contextlib.suppress(WebSocketDisconnect):
        while not pushing.done():
            await socket.receive_text()
    pushing.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await pushing


async def _out(campaigns: CampaignService, campaign: Campaign) -> CampaignOut:
    campaign_id = str(campaign.id)
    starts = await campaigns.latest_starts([campaign_id])
    return CampaignOut.of(campaign, (await contact_counts(campaigns.scope, [campaign_id]))[campaign_id],
                          starts.get(campaign_id))


class CampaignController(Controller):
    path = "/api/campaigns"
    tags = ["campaigns"]
    opt = TENANT
    dependencies = {"campaigns": Provide(provide_campaigns, sync_to_thread=False)}

    @get("/", guards=READ, operation_id="listCampaigns",
         description="The organisation's campaigns, newest first, each with its contacts counted by status.")
    async def list_campaigns(self, campaigns: NamedDependency[CampaignService], paging: NamedDependency[PageParams],
                             search: Annotated[str | None, QueryParameter(max_length=100)] = None,
                             state_filter: Annotated[CampaignState | None, QueryParameter(name="state")] = None,
                             ) -> Page[CampaignOut]:
        page = await campaigns.page(paging, search, state_filter)
        ids = [str(c.id) for c in page.items]
        counts, starts = await contact_counts(campaigns.scope, ids), await campaigns.latest_starts(ids)
        return Page(items=[CampaignOut.of(c, counts[str(c.id)], starts.get(str(c.id))) for c in page.items],
                    next_cursor=page.next_cursor)

    @post("/", guards=WRITE, operation_id="createCampaign",
          description="Create a draft campaign: the flow it runs when a call is answered, its contact lists, "
                      "caller ID, trunk, pacing, attempts, retry delays, calling windows and success rule.")
    async def create(self, data: JSONBody[CampaignCreate], campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.create(data.changes()))

    @get("/{campaign_id:str}", guards=READ, operation_id="getCampaign")
    async def get_campaign(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.get(campaign_id))

    @patch("/{campaign_id:str}", guards=WRITE, operation_id="updateCampaign",
           description="Change settings; the flow and lists only while a draft, nothing once finished. Pacing, "
                       "windows and priority changes reach a running campaign at once.")
    async def update(self, campaign_id: FromPath[str], data: JSONBody[CampaignUpdate],
                     campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.update(campaign_id, data.changes()))

    @delete("/{campaign_id:str}", guards=WRITE, operation_id="deleteCampaign", status_code=204,
            description="Delete a draft or finished campaign with its contacts and attempts.")
    async def delete_campaign(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> None:
        await campaigns.delete(campaign_id)

    @post("/{campaign_id:str}/start", guards=WRITE, operation_id="startCampaign", status_code=200,
          description="Check the campaign (published flow, non-empty lists, dates), copy its lists' contacts "
                      "into it and start calling (or wait for `starts_at`). Over 5,000 contacts are copied in the "
                      "background: the campaign stays a draft with `starting` {state, copied, total} until it "
                      "runs.")
    async def start(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService],
                    ctx: NamedDependency[AppContext]) -> CampaignOut:
        return await _out(campaigns, await campaigns.start(campaign_id, ctx.start_runner))

    @post("/{campaign_id:str}/pause", guards=WRITE, operation_id="pauseCampaign", status_code=200,
          description="Stop new calls at once; calls in progress finish.")
    async def pause(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.transition(campaign_id, "pause"))

    @post("/{campaign_id:str}/resume", guards=WRITE, operation_id="resumeCampaign", status_code=200)
    async def resume(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.transition(campaign_id, "resume"))

    @post("/{campaign_id:str}/cancel", guards=WRITE, operation_id="cancelCampaign", status_code=200,
          description="End the campaign for good; calls in progress finish, nothing new is dialled.")
    async def cancel(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.transition(campaign_id, "cancel"))

    @get("/{campaign_id:str}/progress", guards=READ, operation_id="getCampaignProgress",
         description="Contacts by status, calls in progress, attempts in the last minute, success rate and the "
                     "last attempts. WebSocket /api/campaigns/{id}/live pushes the same every second.")
    async def progress(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> CampaignProgress:
        return await campaign_progress(campaigns.scope, await campaigns.get(campaign_id), campaigns.redis)

    @websocket("/{campaign_id:str}/live", opt=TENANT, guards=READ, dependencies=WEBSOCKET_DEPENDENCIES)
    async def live(self, socket: WebSocket, campaign_id: FromPath[str], tenant_scope: NamedDependency[TenantScope],
                   ctx: NamedDependency[AppContext]) -> None:
        """The campaign's progress (as GET …/progress), pushed about once a second."""
        campaigns = CampaignService(tenant_scope, ctx.redis)
        await campaigns.get(campaign_id)  # another tenant's campaign is refused before the socket opens

        async def snapshot() -> str:
            async def make() -> str:
                return (await campaign_progress(tenant_scope, await campaigns.get(campaign_id), ctx.redis)).model_dump_json()
            # The key names the tenant too: the access check above is what a cached snapshot relies on.
            return await SNAPSHOTS.get(f"{tenant_scope.tenant_id}:{campaign_id}", LIVE_INTERVAL_SECONDS * 0.9, make)

        await push_until_closed(socket, snapshot, LIVE_INTERVAL_SECONDS)

    @websocket("/live", opt=TENANT, guards=READ, dependencies=WEBSOCKET_DEPENDENCIES)
    async def tenant_live(self, socket: WebSocket, tenant_scope: NamedDependency[TenantScope],
                          ctx: NamedDependency[AppContext]) -> None:
        """The organisation's active campaigns with their counts, every two seconds."""
        campaigns = CampaignService(tenant_scope, ctx.redis)

        async def make() -> str:
            active = await campaigns.active()
            counts = await contact_counts(tenant_scope, [str(c.id) for c in active])
            return Page(items=[CampaignOut.of(c, counts[str(c.id)]) for c in active]).model_dump_json()

        async def snapshot() -> str:
            return await SNAPSHOTS.get(tenant_scope.tenant_id, TENANT_FEED_INTERVAL_SECONDS * 0.9, make)

        await push_until_closed(socket, snapshot, TENANT_FEED_INTERVAL_SECONDS)

    @get("/{campaign_id:str}/report", guards=[requires(Permission.reports_read)], operation_id="getCampaignReport",
         description="Attempts by time period (originated, ISO times), number (digits) and outcome, with counts "
                     "by outcome.")
    async def report(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService],
                     paging: NamedDependency[PageParams],
                     since: Annotated[datetime | None, QueryParameter()] = None,
                     until: Annotated[datetime | None, QueryParameter()] = None,
                     phone: Annotated[str | None, QueryParameter(max_length=40)] = None,
                     outcome: Annotated[AttemptOutcome | None, QueryParameter()] = None) -> ReportOut:
        counts, page = await campaigns.report(campaign_id, paging, {"since": since, "until": until, "phone": phone,
                                                                    "outcome": outcome})
        return ReportOut(counts_by_outcome=counts,
                         attempts=Page(items=[AttemptOut.of(a) for a in page.items], next_cursor=page.next_cursor))

    @post("/{campaign_id:str}/exports", guards=[requires(Permission.reports_read)], operation_id="exportCampaign",
          status_code=202,
          description="Start an export of the results: XLSX (a summary with a chart, one row per contact, every "
                      "attempt) or CSV (contacts or attempts). Poll GET /api/campaign-exports/{id}; download …/file.")
    async def export(self, campaign_id: FromPath[str], data: JSONBody[ExportRequest],
                     campaigns: NamedDependency[CampaignService], ctx: NamedDependency[AppContext]) -> ExportOut:
        return ExportOut.of(await campaigns.request_export(campaign_id, data.format, data.sheet, ctx.export_runner))

    @get("/{campaign_id:str}/contacts", guards=READ, operation_id="listCampaignContacts",
         description="The campaign's contacts with their status, attempts and next attempt time.")
    async def contacts(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService],
                       paging: NamedDependency[PageParams],
                       status: Annotated[ContactStatus | None, QueryParameter()] = None,
                       search: Annotated[str | None, QueryParameter(max_length=100)] = None) -> Page[CampaignContactOut]:
        page = await campaigns.contacts_page(campaign_id, paging, status, search)
        return Page(items=[CampaignContactOut.of(c) for c in page.items], next_cursor=page.next_cursor)

    @get("/{campaign_id:str}/attempts", guards=READ, operation_id="listCampaignAttempts")
    async def attempts(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService],
                       paging: NamedDependency[PageParams],
                       contact_id: Annotated[str | None, QueryParameter(max_length=24)] = None) -> Page[AttemptOut]:
        page = await campaigns.attempts_page(campaign_id, paging, contact_id)
        return Page(items=[AttemptOut.of(a) for a in page.items], next_cursor=page.next_cursor)

    @post("/{campaign_id:str}/tasks", guards=WRITE, operation_id="addCampaignTask",
          description="Add one contact to a campaign from another system (201), idempotent by `external_id`: the "
                      "same id again returns the task as it is (200). `call_now` puts it first in line; "
                      "`not_before` and `priority` schedule it.")
    async def add_task(self, campaign_id: FromPath[str], data: JSONBody[TaskIn],
                       campaigns: NamedDependency[CampaignService]) -> Response[CampaignContactOut]:
        task, created = await campaigns.add_task(campaign_id, data)
        return Response(CampaignContactOut.of(task), status_code=201 if created else 200)

    @post("/{campaign_id:str}/contacts/{contact_id:str}/call-now", guards=WRITE, operation_id="callContactNow",
          status_code=200, description="Call a waiting contact next, ahead of the others.")
    async def call_now(self, campaign_id: FromPath[str], contact_id: FromPath[str],
                       campaigns: NamedDependency[CampaignService]) -> CampaignContactOut:
        return CampaignContactOut.of(await campaigns.call_now(campaign_id, contact_id))


class CampaignExportController(Controller):
    path = "/api/campaign-exports"
    tags = ["campaigns"]
    opt = TENANT
    guards = [requires(Permission.reports_read)]
    dependencies = {"campaigns": Provide(provide_campaigns, sync_to_thread=False)}

    @get("/{export_id:str}", operation_id="getCampaignExport")
    async def get_export(self, export_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> ExportOut:
        return ExportOut.of(await campaigns.get_export(export_id))

    @get("/{export_id:str}/file", operation_id="downloadCampaignExport")
    async def download(self, export_id: FromPath[str], campaigns: NamedDependency[CampaignService],
                       ctx: NamedDependency[AppContext]) -> File:
        job = await campaigns.get_export(export_id)
        path = ctx.export_runner.files.path(job)
        if job.state != "completed" or not path.exists():
            raise Conflict("The export is not ready.", code="campaign_export.not_ready")
        return File(path, filename=job.file_name, media_type=MEDIA_TYPES[job.format])
