"""Campaigns (обзвоны): settings, the state machine the user steers (start, pause, resume, cancel), the
contacts it calls and tasks other systems add. The dialer in the runtime does the calling; this side writes
what it works on and tells it (flow_runtime.outbound.signals)."""

from __future__ import annotations

import re
from typing import Any

from bson import ObjectId
from pymongo.errors import DuplicateKeyError
from redis.asyncio import Redis

from backend.domains.contacts.models import Contact, ContactImport, ContactList, OPEN_IMPORT_STATES
from backend.domains.contacts.importing import visible_contacts
from backend.domains.contacts.services import normalise_contact, tenant_region, typed_variables
from backend.domains.campaigns.models import CampaignExport, CampaignStart, JobState
from backend.domains.campaigns.progress import count_by
from backend.domains.campaigns.schemas import TaskIn
from backend.jobs import JobQueue
from backend.errors import Conflict, FieldError, NotFound, ValidationFailed
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from flow_runtime.flow_documents import Flow
from flow_runtime.outbound import signals
from flow_runtime.outbound.models import (
    ACTIVE_STATES, FINAL_STATES, AttemptOutcome, Campaign, CampaignAttempt, CampaignContact, CampaignState, ContactStatus,
)
from tenants.documents import utcnow
from tenants.models import Tenant

BATCH = 2000
CALL_NOW_PRIORITY = 1000
INLINE_START_CONTACTS = 5000  # more are copied by a background job (about 2,500 a second on the embedded database)
# Which transitions each action makes: action → (states it may start from, state it leads to).
TRANSITIONS: dict[str, tuple[frozenset[CampaignState], CampaignState]] = {
    "pause": (frozenset({CampaignState.running, CampaignState.scheduled}), CampaignState.paused),
    "resume": (frozenset({CampaignState.paused}), CampaignState.running),
    "cancel": (frozenset({CampaignState.draft, CampaignState.scheduled, CampaignState.running, CampaignState.paused}),
               CampaignState.cancelled),
}
DRAFT_ONLY_FIELDS = frozenset({"flow_id", "list_ids"})


class CampaignService:
    def __init__(self, tenant_scope: TenantScope, redis: Redis) -> None:
        self.scope = tenant_scope
        self.redis = redis
        self.campaigns = TenantRepository(Campaign, tenant_scope)
        self.contacts = TenantRepository(CampaignContact, tenant_scope)
        self.attempts = TenantRepository(CampaignAttempt, tenant_scope)
        self.exports = TenantRepository(CampaignExport, tenant_scope)
        self.starts = TenantRepository(CampaignStart, tenant_scope)

    # Reading

    async def page(self, paging: PageParams, search: str | None, state: CampaignState | None) -> Page[Campaign]:
        query: dict[str, Any] = {"name": {"$regex": re.escape(search), "$options": "i"}} if search else {}
        if state:
            query["state"] = state
        return await self.campaigns.page(query, paging)

    async def get(self, campaign_id: str) -> Campaign:
        return await self.campaigns.get(campaign_id)

    async def active(self) -> list[Campaign]:
        """Scheduled, running and paused campaigns (few at a time: no paging)."""
        return await Campaign.find(self.campaigns.scoped({"state": {"$in": list(ACTIVE_STATES)}})).to_list()

    async def contacts_page(self, campaign_id: str, paging: PageParams, status: ContactStatus | None,
                            search: str | None) -> Page[CampaignContact]:
        await self.get(campaign_id)
        query: dict[str, Any] = {"campaign_id": campaign_id}
        if status:
            query["status"] = status
        if search:
            pattern = {"$regex": re.escape(search), "$options": "i"}
            digits = re.sub(r"\D", "", search)
            query["$or"] = [{"name": pattern}, {"external_id": pattern},
                            *([{"phones": {"$regex": re.escape(digits)}}] if digits else [])]
        return await self.contacts.page(query, paging)

    async def attempts_page(self, campaign_id: str, paging: PageParams,
                            contact_id: str | None) -> Page[CampaignAttempt]:
        await self.get(campaign_id)
        query = {"campaign_id": campaign_id, **({"campaign_contact_id": contact_id} if contact_id else {})}
        return await self.attempts.page(query, paging)

    async def report(self, campaign_id: str, paging: PageParams, filters: dict[str, Any]) -> tuple[dict[str, int], Page[CampaignAttempt]]:
        """Attempts filtered by time period (originated), number and outcome, with counts by outcome."""
        await self.get(campaign_id)
        query: dict[str, Any] = {"campaign_id": campaign_id}
        period = {op: filters[key] for key, op in (("since", "$gte"), ("until", "$lt")) if filters.get(key)}
        if period:
            query["originated_at"] = period
        if digits := re.sub(r"\D", "", filters.get("phone") or ""):
            query["phone"] = {"$regex": re.escape(digits)}
        if filters.get("outcome"):
            query["outcome"] = filters["outcome"]
        counts = await count_by(CampaignAttempt, self.attempts.scoped(query), "outcome", AttemptOutcome)
        return counts, await self.attempts.page(query, paging)

    # Results

    async def request_export(self, campaign_id: str, fmt: str, sheet: str, runner: JobQueue) -> CampaignExport:
        campaign = await self.get(campaign_id)
        stamp = utcnow().strftime("%Y-%m-%d")
        job = CampaignExport(tenant_id=self.scope.tenant_id, campaign_id=campaign_id, format=fmt,
                             sheet=sheet if fmt == "csv" else "all", file_name=f"{campaign.name} {stamp}.{fmt}")
        await self.exports.insert(job)
        runner.submit()
        return job

    async def get_export(self, export_id: str) -> CampaignExport:
        return await self.exports.get(export_id)

    # Settings

    async def _check_references(self, flow_id: str | None, list_ids: list[str] | None) -> None:
        if flow_id is not None and await Flow.find_one(self.campaigns.scoped({"_id": ObjectId(flow_id)})) is None:
            raise ValidationFailed.coded("flow_id", "flow.not_found", "No flow of this organisation has this id.")
        for index, list_id in enumerate(list_ids or []):
            if await ContactList.find_one(self.campaigns.scoped({"_id": ObjectId(list_id)})) is None:
                raise ValidationFailed.coded(f"list_ids[{index}]", "contact_list.not_found", "No contact list of this organisation has this id.")

    async def create(self, settings: dict[str, Any]) -> Campaign:
        await self._check_references(settings.get("flow_id"), settings.get("list_ids"))
        if "timezone" not in settings:
            tenant = await Tenant.get(ObjectId(self.scope.tenant_id))
            settings["timezone"] = tenant.timezone if tenant else "Europe/Moscow"
        try:
            return await self.campaigns.insert(Campaign(tenant_id=self.scope.tenant_id, **settings))
        except DuplicateKeyError:
            raise _name_taken() from None

    async def update(self, campaign_id: str, changes: dict[str, Any]) -> Campaign:
        campaign = await self.get(campaign_id)
        if campaign.state in FINAL_STATES:
            raise Conflict("A finished campaign cannot be changed.", code="campaign.finished")
        if campaign.state != CampaignState.draft and (locked := DRAFT_ONLY_FIELDS & changes.keys()):
            field = sorted(locked)[0]
            raise ValidationFailed.coded(field, "campaign.started", "The flow and the lists are fixed once a campaign has started.")
        await self._check_references(changes.get("flow_id"), changes.get("list_ids"))
        starts, ends = changes.get("starts_at", campaign.starts_at), changes.get("ends_at", campaign.ends_at)
        if starts and ends and ends <= starts:
            raise ValidationFailed.coded("ends_at", "campaign.dates", "The end must be after the start.")
        try:
            campaign = await self.campaigns.update(campaign, changes)
        except DuplicateKeyError:
            raise _name_taken() from None
        await signals.campaign_changed(self.redis, campaign_id)
        return campaign

    async def delete(self, campaign_id: str) -> None:
        campaign = await self.get(campaign_id)
        if campaign.state not in (CampaignState.draft, *FINAL_STATES):
            raise Conflict("Cancel the campaign before deleting it.", code="campaign.active")
        for model in (CampaignContact, CampaignAttempt):
            await model.get_pymongo_collection().delete_many(self.contacts.scoped({"campaign_id": campaign_id}))
        await self.campaigns.delete(campaign)

    # State

    async def start(self, campaign_id: str, starts: JobQueue | None = None) -> Campaign:
        """Checks the campaign and starts it. Its contacts are copied in the request when they are few;
        with ``starts`` (the API's queue) a larger campaign stays a draft while a background job copies them
        (``CampaignStart``, with progress) and starts it then."""
        campaign = await self.get(campaign_id)
        flow_version = await self.check_startable(campaign)
        lists = await ContactList.find(self.campaigns.scoped(
            {"_id": {"$in": [ObjectId(i) for i in campaign.list_ids]}})).to_list()
        total = sum(contact_list.contact_count for contact_list in lists)
        if starts is not None and total > INLINE_START_CONTACTS:
            if await self.open_start(campaign_id):
                raise Conflict("The campaign is being started.", code="campaign.starting")
            actor = self.scope.actor
            await self.starts.insert(CampaignStart(
                tenant_id=self.scope.tenant_id, campaign_id=campaign_id, total=total,
                actor={"kind": actor.kind, "id": actor.id, "label": actor.label, "role": actor.role,
                       "tenant_id": actor.tenant_id}))
            starts.submit()
            return campaign
        # One start at a time: a second request while the contacts are being copied is refused.
        lock = f"voxflow:campaign-start:{campaign_id}"
        if not await self.redis.set(lock, "1", nx=True, ex=600):
            raise Conflict("The campaign is being started.", code="campaign.starting")
        try:
            await self.copy_and_launch(campaign, flow_version)
        finally:
            await self.redis.delete(lock)
        return campaign

    async def check_startable(self, campaign: Campaign) -> int:
        """The flow version the campaign would run; the problem that stops it otherwise."""
        if campaign.state != CampaignState.draft:
            raise Conflict(f"The campaign is {campaign.state}, not a draft.", code="campaign.not_draft")
        flow = await Flow.find_one(self.campaigns.scoped({"_id": ObjectId(campaign.flow_id)}))
        if flow is None or flow.published_version is None:
            raise ValidationFailed.coded("flow_id", "campaign.flow_not_published", "Publish the campaign's flow before starting it.")
        if not campaign.list_ids:
            raise ValidationFailed.coded("list_ids", "campaign.no_lists", "Choose at least one contact list.")
        if campaign.ends_at and campaign.ends_at <= utcnow():
            raise ValidationFailed.coded("ends_at", "campaign.ended", "The campaign's end date has passed.")
        if await ContactImport.find_one(self.campaigns.scoped({"list_id": {"$in": campaign.list_ids},
                                                               "state": {"$in": list(OPEN_IMPORT_STATES)}})):
            raise Conflict("An import into one of the lists is under way.", code="contact_list.import_in_progress")
        return flow.published_version

    async def copy_and_launch(self, campaign: Campaign, flow_version: int, on_progress=None) -> None:
        """Copies the lists' contacts into the campaign and sets it running (or scheduled); on any failure
        the copies are removed and the campaign stays the draft it was."""
        campaign_id = str(campaign.id)
        try:
            total = await self._materialise(campaign, on_progress)
            if total == 0:
                raise ValidationFailed.coded("list_ids", "campaign.lists_empty", "The campaign's lists have no contacts.")
            now = utcnow()
            state = CampaignState.scheduled if campaign.starts_at and campaign.starts_at > now else CampaignState.running
            started = await self.campaigns.update_where(
                campaign, {"state": CampaignState.draft},
                {"state": state, "flow_version": flow_version, "started_at": now, "state_reason": None},
                action="start")
            if not started:
                raise Conflict("The campaign changed while starting.", code="campaign.not_draft")
        except BaseException:
            await CampaignContact.get_pymongo_collection().delete_many(
                self.contacts.scoped({"campaign_id": campaign_id}))
            raise
        await signals.campaign_changed(self.redis, campaign_id)

    async def open_start(self, campaign_id: str) -> CampaignStart | None:
        return await self.starts.find_one({"campaign_id": campaign_id,
                                           "state": {"$in": [JobState.queued, JobState.running]}})

    async def latest_starts(self, campaign_ids: list[str]) -> dict[str, CampaignStart]:
        """The last background start of each campaign that has one."""
        found = await self.starts.model.find(self.starts.scoped({"campaign_id": {"$in": campaign_ids}})
                                             ).sort("-_id").to_list()
        latest: dict[str, CampaignStart] = {}
        for start in found:
            latest.setdefault(start.campaign_id, start)
        return latest

    async def _materialise(self, campaign: Campaign, on_progress=None) -> int:
        """Copies the lists' contacts into the campaign, once each (by external ID, else first phone)."""
        collection = CampaignContact.get_pymongo_collection()
        await collection.delete_many(self.contacts.scoped({"campaign_id": str(campaign.id)}))
        seen: set[str] = set()
        total = 0
        for list_id in campaign.list_ids:
            contact_list = await ContactList.find_one(self.contacts.scoped({"_id": ObjectId(list_id)}))
            if contact_list is None:  # deleted while the campaign was a draft
                continue
            cursor = Contact.get_pymongo_collection().find(visible_contacts(contact_list))
            batch: list[dict[str, Any]] = []
            async for contact in cursor:
                if contact["key"] in seen:
                    continue
                seen.add(contact["key"])
                batch.append(_campaign_contact(campaign, contact))
                if len(batch) >= BATCH:
                    await collection.insert_many(batch, ordered=False)
                    total += len(batch)
                    batch = []
                    if on_progress:
                        await on_progress(total)
            if batch:
                await collection.insert_many(batch, ordered=False)
                total += len(batch)
        return total

    async def transition(self, campaign_id: str, action: str) -> Campaign:
        campaign = await self.get(campaign_id)
        allowed, target = TRANSITIONS[action]
        if campaign.state not in allowed:
            raise Conflict(f"A {campaign.state} campaign cannot {action}.", code=f"campaign.cannot_{action}")
        if target == CampaignState.running and campaign.starts_at and campaign.starts_at > utcnow():
            target = CampaignState.scheduled
        changes: dict[str, Any] = {"state": target}
        if target == CampaignState.cancelled:
            changes["finished_at"] = utcnow()
        if not await self.campaigns.update_where(campaign, {"state": campaign.state}, changes, action=action):
            raise Conflict("The campaign changed meanwhile; reload it.", code="campaign.changed")
        await signals.campaign_changed(self.redis, campaign_id)
        return campaign

    # Tasks from other systems

    async def add_task(self, campaign_id: str, task: TaskIn) -> tuple[CampaignContact, bool]:
        """The contact as a campaign task, and whether it was new; the same external ID again returns the
        task as it is."""
        campaign = await self.get(campaign_id)
        if campaign.state in FINAL_STATES:
            raise Conflict("The campaign has finished.", code="campaign.finished")
        existing = await self.contacts.find_one({"campaign_id": campaign_id, "task_key": task.external_id})
        if existing is not None:
            return existing, False
        parsed = normalise_contact(task, await tenant_region(self.scope))
        doc = CampaignContact(
            tenant_id=self.scope.tenant_id, campaign_id=campaign_id, source="api", task_key=task.external_id,
            external_id=task.external_id, name=parsed.name or "", phones=parsed.phones, timezone=parsed.timezone,
            variables=parsed.variables | typed_variables(task.variables),
            priority=CALL_NOW_PRIORITY if task.call_now else task.priority,
            not_before=None if task.call_now else task.not_before, number_attempts=[0] * len(parsed.phones),
            next_attempt_at=utcnow() if task.call_now else task.not_before)
        try:
            await self.contacts.insert(doc)
        except DuplicateKeyError:  # the same task sent twice at once: the first one won
            found = await self.contacts.find_one({"campaign_id": campaign_id, "task_key": task.external_id})
            assert found is not None
            return found, False
        await signals.contacts_due(self.redis, campaign_id, [str(doc.id)])
        return doc, True

    async def call_now(self, campaign_id: str, contact_id: str) -> CampaignContact:
        await self.get(campaign_id)
        contact = await self.contacts.get(contact_id)
        if contact.campaign_id != campaign_id:
            raise NotFound(code="campaign_contact.not_found")
        if contact.status != ContactStatus.pending:
            raise Conflict(f"The contact is {contact.status}; only a waiting contact can be called now.",
                           code="campaign_contact.not_pending")
        await self.contacts.update(contact, {"priority": CALL_NOW_PRIORITY, "not_before": None,
                                             "next_attempt_at": utcnow()}, action="call_now")
        await signals.contacts_due(self.redis, campaign_id, [contact_id])
        return contact


def _campaign_contact(campaign: Campaign, contact: dict[str, Any]) -> dict[str, Any]:
    now = utcnow()
    return {"tenant_id": campaign.tenant_id, "campaign_id": str(campaign.id), "contact_id": str(contact["_id"]),
            "list_id": contact["list_id"], "source": "list", "task_key": None, "external_id": contact.get("external_id"),
            "name": contact.get("name", ""), "phones": contact["phones"], "timezone": contact.get("timezone"),
            "variables": contact.get("variables", {}), "priority": 0, "not_before": None,
            "status": ContactStatus.pending.value, "attempts": 0, "number_attempts": [0] * len(contact["phones"]),
            "next_phone": 0, "next_attempt_at": None, "last_attempt_at": None, "last_outcome": None, "result": None,
            "created_at": now, "updated_at": now}


def _name_taken() -> Conflict:
    message = "A campaign with this name exists."
    return Conflict(message, code="campaign.name_taken", errors=[FieldError("name", "name_taken", message)])
