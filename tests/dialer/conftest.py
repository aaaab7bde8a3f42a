"""Dialer tests: campaigns written the way the API writes them, worked by the test process's runtime with
a dialer on a clock the test moves, against the session's sandbox PBX (outcomes scripted per number)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bson import ObjectId
from redis.asyncio import Redis

from flow_runtime.dialer.clock import Clock, ManualClock
from flow_runtime.dialer.config import DialerConfig
from flow_runtime.dialer.engine import Dialer
from flow_runtime.dialer.schedule import Schedule
from flow_runtime.outbound import signals
from flow_runtime.outbound.models import (
    Campaign, CampaignAttempt, CampaignContact, CampaignState, ContactStatus, RetryDelays,
)
from tests.conftest import unique
from tests.flows.graphs import edge, node

MOSCOW = ZoneInfo("Europe/Moscow")
MONDAY_10 = datetime(2030, 1, 7, 10, 0, tzinfo=MOSCOW)  # a Monday


def tts(text: str) -> dict:
    return {"items": [{"kind": "tts", "text": text}], "language": "ru"}


def confirm_flow() -> dict:
    """The callee hears a question; 1 confirms (set_result confirmed), 2 declines, silence ends the call."""
    return {
        "nodes": [node("start", "start", trigger="campaign"), node("answer", "answer"),
                  node("ask", "menu", prompt=tts("Здравствуйте, {{contact.name}}! Нажмите 1 для подтверждения."),
                       keys=["1", "2"], timeout=5, retries=0),
                  node("yes", "set_result", outcome="confirmed"), node("no", "set_result", outcome="declined"),
                  node("bye", "hangup")],
        "edges": [edge("start", "next", "answer"), edge("answer", "next", "ask"), edge("ask", "1", "yes"),
                  edge("ask", "2", "no"), edge("yes", "next", "bye"), edge("no", "next", "bye"),
                  edge("ask", "timeout", "bye"), edge("ask", "invalid", "bye")],
    }


def press(digit: str = "1", at: float = 0.5, hangup_at: float | None = None) -> list[dict]:
    actions = [{"at_seconds": at, "dtmf": digit}]
    if hangup_at is not None:
        actions.append({"at_seconds": hangup_at, "hangup_cause": 16})
    return actions


def numbers(count: int) -> list[str]:
    """Fresh E.164 numbers for one test (outcome rules match them)."""
    base = int(unique("")) % 10_000
    return [f"+7900{base:04d}{i:03d}" for i in range(count)]


@pytest.fixture
async def control(sandbox):
    async with sandbox.control() as client:
        yield client
        await client.set_outcomes([])  # the session's default again: answer after 1 s


@pytest.fixture
async def redis(settings):
    client = Redis.from_url(settings.redis_url)
    yield client
    await client.aclose()


@dataclass
class DialerHarness:
    """The test process's dialer on a manual clock, and the campaigns a test created."""

    dialer: Dialer | None  # None: the campaigns are worked by other processes
    clock: Clock
    redis: Redis
    tenant: object
    flow_id: str
    campaigns: list[str] = field(default_factory=list)

    async def campaign(self, contacts: list[dict], **fields) -> Campaign:
        """A started campaign as the API leaves it (flow version pinned, one CampaignContact per contact,
        state running), announced with campaign_changed."""
        values = dict(name=unique("campaign-"), flow_id=self.flow_id, flow_version=1, caller_id="+74950000001",
                      trunk="carrier", max_channels=10, max_calls_per_second=100, max_attempts_per_contact=3,
                      max_attempts_per_number=3, ring_timeout=2, state=CampaignState.draft,
                      retry_delays=RetryDelays(busy=600, no_answer=1800, failed=900, provider_error=300),
                      started_at=datetime.fromtimestamp(self.clock.now(), MOSCOW))
        state = fields.pop("state", CampaignState.running)
        values.update(fields)
        campaign = await Campaign(tenant_id=self.tenant.id, **values).insert()
        self.campaigns.append(str(campaign.id))
        await self.add_contacts(campaign, contacts)
        await self.set_state(campaign, state)
        return campaign

    async def add_contacts(self, campaign: Campaign, contacts: list[dict]) -> list[CampaignContact]:
        created = []
        for index, contact in enumerate(contacts):
            phones = contact.pop("phones")
            created.append(await CampaignContact(
                tenant_id=self.tenant.id, campaign_id=str(campaign.id), name=contact.pop("name", f"Contact {index}"),
                phones=phones, number_attempts=[0] * len(phones), **contact).insert())
        return created

    async def set_state(self, campaign: Campaign, state: CampaignState) -> None:
        """What the API does on pause / resume / cancel."""
        await Campaign.get_pymongo_collection().update_one({"_id": campaign.id}, {"$set": {"state": state.value}})
        await signals.campaign_changed(self.redis, str(campaign.id))

    async def advance_to(self, moment: datetime | float) -> None:
        await self.clock.set(moment)
        self.dialer.wake()

    async def settle(self, campaign: Campaign, timeout: float = 20.0) -> None:
        """Until nothing of the campaign is due now, in progress or waiting to be written."""
        campaign_id = str(campaign.id)

        async def settled() -> bool:
            if any(a.entry.id == campaign_id for a in self.dialer.live.values()) or self.dialer.writer.pending:
                return False
            if await CampaignContact.find({"campaign_id": campaign_id, "status": "in_progress"}).count():
                return False
            if (await self.state(campaign)).state != CampaignState.running:
                return True
            return await Schedule(self.redis).due_count(campaign_id, self.clock.now()) == 0
        async with asyncio.timeout(timeout):
            while True:
                await asyncio.sleep(0.05)
                if await settled():
                    await asyncio.sleep(0.1)  # one more claim round: nothing may start now
                    if await settled():
                        return

    async def contacts(self, campaign: Campaign) -> list[CampaignContact]:
        return await CampaignContact.find({"campaign_id": str(campaign.id)}).sort("+_id").to_list()

    async def attempts(self, campaign: Campaign) -> list[CampaignAttempt]:
        return await CampaignAttempt.find({"campaign_id": str(campaign.id)}).sort("+originated_at", "+_id").to_list()

    async def state(self, campaign: Campaign) -> Campaign:
        return await Campaign.get(campaign.id)


async def publish_flow(tenant, graph: dict) -> str:
    flow = await tenant.admin.post("/api/flows", json={"name": unique("campaign-flow-"), "graph": graph})
    assert flow.status_code == 201, flow.text
    published = await tenant.admin.post(f"/api/flows/{flow.json()['id']}/publish", json={})
    assert published.status_code == 201, published.text
    return flow.json()["id"]


def fast_config(clock: ManualClock) -> DialerConfig:
    return DialerConfig(clock=clock, lease_seconds=3, tick_seconds=0.02, refresh_seconds=0.3,
                        answer_grace_seconds=3)


@pytest.fixture
async def harness(runtime, redis, make_tenant):
    """The session runtime's dialer replaced by one on a manual clock (Monday 10:00 Moscow, 2030) for the
    test; the test's campaigns are cancelled and the usual dialer restored afterwards."""
    clock = ManualClock(MONDAY_10)
    previous = runtime.dialer.config if runtime.dialer else None
    dialer = await runtime.replace_dialer(fast_config(clock))
    tenant = await make_tenant(limits={"max_concurrent_calls": 50, "max_calls_per_second": 100})
    flow_id = await publish_flow(tenant, confirm_flow())
    harness = DialerHarness(dialer, clock, redis, tenant, flow_id)
    try:
        yield harness
    finally:
        await runtime.replace_dialer(None)
        for campaign_id in harness.campaigns:
            await Campaign.get_pymongo_collection().update_one(
                {"_id": ObjectId(campaign_id), "state": {"$in": ["running", "paused", "scheduled"]}},
                {"$set": {"state": "cancelled"}})
        await runtime.replace_dialer(previous)


def statuses(contacts: list[CampaignContact]) -> list[ContactStatus]:
    return [c.status for c in contacts]
