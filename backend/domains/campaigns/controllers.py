from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from backend.context import AppContext
from backend.domains.campaigns.schemas import (
    AttemptOut, CampaignContactOut, CampaignCreate, CampaignOut, CampaignUpdate, TaskIn,
)
from backend.domains.campaigns.services import CampaignService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission
from flow_runtime.outbound.models import Campaign, CampaignState, ContactStatus

READ = [requires(Permission.campaigns_read)]
WRITE = [requires(Permission.campaigns_write)]


def provide_campaigns(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> CampaignService:
    return CampaignService(tenant_scope, ctx.redis)


async def _out(campaigns: CampaignService, campaign: Campaign) -> CampaignOut:
    return CampaignOut.of(campaign, (await campaigns.counts([str(campaign.id)]))[str(campaign.id)])


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
        counts = await campaigns.counts([str(c.id) for c in page.items])
        return Page(items=[CampaignOut.of(c, counts[str(c.id)]) for c in page.items], next_cursor=page.next_cursor)

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
                      "into it and start calling (or wait for `starts_at`).")
    async def start(self, campaign_id: FromPath[str], campaigns: NamedDependency[CampaignService]) -> CampaignOut:
        return await _out(campaigns, await campaigns.start(campaign_id))

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
