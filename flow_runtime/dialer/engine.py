"""The dialer of one runtime process: claims due contacts of running campaigns from the shared Redis
schedule, dials them, renews the leases of its live calls, recovers the attempts of processes that died,
and moves campaigns between states (scheduled → running at starts_at, running → completed when nothing is
left or ends_at passed). Any number of processes run one each; see docs/dialer.md."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import secrets
import time
from dataclasses import dataclass, field, replace

from bson import ObjectId
from redis.asyncio import Redis

from flow_runtime.context import TenantInfo
from flow_runtime.dialer import store
from flow_runtime.dialer.attempt import (
    LiveAttempt, await_answer, call_record, originate, outcome_of, result_of, run_flow,
)
from flow_runtime.dialer.campaigns import CampaignEntry
from flow_runtime.dialer.clock import to_datetime
from flow_runtime.dialer.config import DialerConfig, endpoint_for
from flow_runtime.dialer.pacing import claim_order, claim_scope
from flow_runtime.dialer.policy import next_number
from flow_runtime.dialer.recovery import Recovery
from flow_runtime.dialer.progress import LiveFeed
from flow_runtime.dialer.schedule import Release, Schedule, score
from flow_runtime.dialer.store import AttemptStart, Finish, Writer, attempt_document, due_at, priority_of
from flow_runtime.dialer.windows import next_opening, zone_name
from flow_runtime.flow_documents import FlowVersion
from flow_runtime.graph import FlowGraph
from flow_runtime.heartbeat import process_id
from flow_runtime.interpreter import GraphNotRunnable, PreparedGraph
from flow_runtime.outbound import signals
from flow_runtime.outbound.models import FINAL_STATES, AttemptOutcome, Campaign, CampaignState, ContactStatus
from flow_runtime.runtime import DIALER_ARG
from flow_runtime.telephony.port import OriginationProgress
from tenants.documents import utcnow
from tenants.models import Tenant, TenantLimits

log = logging.getLogger(__name__)
WATCHED_STATES = [CampaignState.scheduled.value, CampaignState.running.value, CampaignState.paused.value]
BATCHES_IN_FLIGHT = 8


@dataclass
class DialerStats:
    claimed: int = 0
    originated: int = 0
    finished: int = 0
    recovered: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


class Dialer:
    def __init__(self, redis: Redis, telephony, runtime, config: DialerConfig | None = None) -> None:
        self.redis = redis
        self.telephony = telephony
        self.runtime = runtime  # FlowRuntime: services, interpreter, call records
        self.config = config or DialerConfig()
        self.clock = self.config.clock
        self.owner = f"{process_id()}:{secrets.token_hex(3)}"
        self.schedule = Schedule(redis)
        self.feed = LiveFeed(redis)
        self.writer = Writer(self.schedule, self.owner, before_release=self.feed.flush)
        self.writer.on_flushed = self._flushed
        self.recovery = Recovery(self)
        self.campaigns: dict[str, CampaignEntry] = {}
        self.live: dict[str, LiveAttempt] = {}  # contact id → its live attempt in this process
        self.stats = DialerStats()
        self._graphs: dict[tuple[str, int], PreparedGraph | None] = {}
        self._wake = asyncio.Event()
        self._refresh_now = asyncio.Event()
        self._stop = asyncio.Event()
        self._writer_stop = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._writer_task: asyncio.Task | None = None
        # Claimed batches being checked and written before they are dialled: a few at once, so a slow
        # database does not slow the claim rounds (and the call rate) down.
        self._batches: set[asyncio.Task] = set()
        self._batch_slots = asyncio.Semaphore(BATCHES_IN_FLIGHT)
        self._claimed = 0  # contacts in those batches
        self._claims_paused_until = 0.0

    # --- life -------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._writer_task = asyncio.create_task(self.writer.run(self._writer_stop))
        for loop in (self._claim_loop, self._refresh_loop, self._listen_loop, self._renew_loop, self._recover_loop):
            self._tasks.append(asyncio.create_task(self._guarded(loop)))

    async def stop(self, timeout: float = 5.0) -> None:
        """Stops claiming; live calls are hung up and recorded as interrupted (their contacts rescheduled),
        so nothing waits for a lease to expire."""
        self._stop.set()
        self._wake.set()
        if self._tasks:  # the claim loop first: no claim after this point
            self._tasks[0].cancel()
            await asyncio.gather(self._tasks[0], return_exceptions=True)
        if self._batches:  # claimed batches become live attempts (or are left to recovery)
            await asyncio.wait(self._batches, timeout=timeout / 4)
        live = list(self.live.values())
        for attempt in live:
            if attempt.task is not None:
                attempt.task.cancel()
        await asyncio.gather(*(a.task for a in live if a.task is not None), return_exceptions=True)
        leftovers = [a for a in live if not a.finishing and not a.lost]
        with contextlib.suppress(Exception):
            async with asyncio.timeout(timeout / 2):
                await asyncio.gather(*(self.telephony.hangup_channel(a.channel_id) for a in leftovers),
                                     return_exceptions=True)
        for attempt in leftovers:
            self._finish(attempt, AttemptOutcome.interrupted)
        self._writer_stop.set()
        self.writer._wakeup.set()
        tasks = [*self._tasks, *([self._writer_task] if self._writer_task else [])]
        await asyncio.wait([self._writer_task] if self._writer_task else tasks, timeout=timeout / 2)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _guarded(self, loop) -> None:
        """Runs one of the loops, restarting it after an error (Redis or the database away)."""
        while not self._stop.is_set():
            try:
                await loop()
                return
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001
                log.exception("dialer: %s failed; restarting it in 1 s", loop.__name__)
                await self._sleep_real(1.0)

    async def _sleep_real(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    def wake(self) -> None:
        """Look at the schedule now (tests call it after moving a manual clock)."""
        for entry in self.campaigns.values():
            entry.next_due = -math.inf
        self._wake.set()

    # --- campaigns --------------------------------------------------------------------------------------
    async def _refresh_loop(self) -> None:
        while not self._stop.is_set():
            await self.refresh()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._refresh_now.wait(), self.config.refresh_seconds)
            self._refresh_now.clear()

    async def refresh(self) -> None:
        """Re-reads the campaigns worth watching, their tenants and flows; moves their states on."""
        watched = {a.entry.id for a in self.live.values()}
        query = {"$or": [{"state": {"$in": WATCHED_STATES}},
                         {"_id": {"$in": [ObjectId(c) for c in watched]}}]}
        found = {str(c.id): c for c in await Campaign.find(query).to_list()}
        versions = await self.schedule.versions(list(found))
        for campaign_id, version in versions.items():
            entry = self.campaigns.get(campaign_id)
            if entry is None or entry.version != version:  # changed since read, or new: read it after the version
                fresh = await Campaign.get(ObjectId(campaign_id))
                if fresh is not None:
                    found[campaign_id] = fresh
        gone = [c for c in self.campaigns if c not in found]
        for campaign_id in gone:  # completed or cancelled, none of its calls live here: drop its schedule
            del self.campaigns[campaign_id]
        await self.schedule.forget(gone)
        tenants = await self._tenants({c.tenant_id for c in found.values()})
        for campaign_id, campaign in found.items():
            entry = self.campaigns.get(campaign_id)
            trunk = campaign.trunk or self.config.default_trunk
            if entry is None:
                entry = self.campaigns[campaign_id] = CampaignEntry(campaign, versions[campaign_id], trunk)
            else:
                entry.campaign, entry.version, entry.trunk = campaign, versions[campaign_id], trunk
            entry.next_due = -math.inf
            tenant = tenants.get(campaign.tenant_id)
            entry.tenant, entry.tenant_limits = (tenant if tenant else (None, None))
            await self._advance(entry)
        self._wake.set()

    async def _tenants(self, ids: set[str]) -> dict[str, tuple[TenantInfo, TenantLimits]]:
        found = await Tenant.find({"_id": {"$in": [ObjectId(i) for i in ids]}}).to_list()
        return {str(t.id): (TenantInfo(id=str(t.id), slug=t.slug, name=t.name, timezone=t.timezone,
                                       locale=t.locale.value, allowed_http_hosts=tuple(t.allowed_http_hosts)),
                            t.limits) for t in found if t.is_active}

    async def _advance(self, entry: CampaignEntry) -> None:
        campaign, now = entry.campaign, self.clock.now()
        if campaign.state == CampaignState.cancelled:
            await self._cancel_ringing(entry.id)
            return
        if campaign.state not in (CampaignState.scheduled, CampaignState.running, CampaignState.paused):
            return
        if campaign.state == CampaignState.scheduled and (campaign.starts_at is None
                                                          or campaign.starts_at.timestamp() <= now):
            await self._move(entry, CampaignState.scheduled, CampaignState.running, started_at=True)
            campaign = entry.campaign
        if campaign.ends_at and campaign.ends_at.timestamp() <= now:  # running, paused or not started yet
            await self._move(entry, campaign.state, CampaignState.completed, reason="ends_at")
            return
        if not await self.schedule.built_recently(entry.id, entry.version, self.config.rebuild_seconds):
            scheduled, adopted = await store.rebuild(self.schedule, entry.id, time.time() + self.config.lease_seconds)
            log.info("dialer: schedule of campaign %s rebuilt (%d scheduled, %d leases adopted)", entry.id,
                     scheduled, adopted)
        if campaign.state == CampaignState.running:
            entry.graph = await self._graph(campaign)
            await self._maybe_complete(entry)

    async def _move(self, entry: CampaignEntry, before: CampaignState, after: CampaignState, *,
                    started_at: bool = False, reason: str | None = None) -> None:
        now = to_datetime(self.clock.now())
        changes: dict = {"state": after.value, "updated_at": utcnow()}
        if started_at:
            changes["started_at"] = entry.campaign.started_at or now
        if after == CampaignState.completed:
            changes.update(finished_at=now, state_reason=reason)
        result = await Campaign.get_pymongo_collection().update_one(
            {"_id": entry.campaign.id, "state": before.value}, {"$set": changes})
        if result.modified_count:
            log.info("dialer: campaign %s %s → %s%s", entry.id, before.value, after.value,
                     f" ({reason})" if reason else "")
            await signals.campaign_changed(self.redis, entry.id)
        fresh = await Campaign.get(entry.campaign.id)
        if fresh is not None:
            entry.campaign = fresh
            entry.version = (await self.schedule.versions([entry.id]))[entry.id]

    async def _maybe_complete(self, entry: CampaignEntry) -> None:
        """Completes a running campaign with nothing left to do; heals a schedule that lost contacts."""
        real_now = time.time()
        if real_now - entry.checked_at < self.config.refresh_seconds:
            return
        entry.checked_at = real_now
        scheduled, live = await self.schedule.has_work(entry.id, real_now)
        if scheduled or live:
            return
        if await store.open_contacts(entry.id) == 0:
            await self._move(entry, CampaignState.running, CampaignState.completed, reason="done")
        else:  # open contacts, none scheduled or live: the schedule lost them (e.g. Redis restarted)
            await store.rebuild(self.schedule, entry.id, real_now + self.config.lease_seconds)

    async def _graph(self, campaign: Campaign) -> PreparedGraph | None:
        key = (campaign.flow_id, campaign.flow_version or 0)
        if key not in self._graphs:
            version = await FlowVersion.find_one({"tenant_id": campaign.tenant_id, "flow_id": campaign.flow_id,
                                                  "version": campaign.flow_version})
            try:
                self._graphs[key] = PreparedGraph(FlowGraph.model_validate(version.graph)) if version else None
            except GraphNotRunnable as exc:
                self._graphs[key] = None
                log.error("dialer: campaign %s: flow version not runnable: %s", campaign.id, exc)
            if self._graphs[key] is None:
                log.error("dialer: campaign %s has no runnable flow version %s", campaign.id, campaign.flow_version)
        return self._graphs[key]

    async def _cancel_ringing(self, campaign_id: str) -> None:
        for attempt in list(self.live.values()):
            if attempt.entry.id == campaign_id and attempt.call is not None and not attempt.call.progress.answered:
                await attempt.call.cancel(campaign_cancelled=True)

    # --- signals ----------------------------------------------------------------------------------------
    async def _listen_loop(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(signals.CHANNEL)
        try:
            while not self._stop.is_set():
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                try:
                    body = json.loads(message["data"])
                except (ValueError, TypeError):
                    continue
                entry = self.campaigns.get(body.get("campaign_id", ""))
                if "contact_ids" in body and entry is not None:
                    entry.next_due = -math.inf
                    self._wake.set()
                else:
                    self._refresh_now.set()
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()

    # --- claiming ---------------------------------------------------------------------------------------
    async def _claim_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            busy = await self.claim_round()
            if busy:
                await self._sleep_real(self.config.tick_seconds)
                continue
            waits = [asyncio.ensure_future(self._wake.wait())]
            upcoming = [e.next_due for e in self.campaigns.values() if e.claimable and e.next_due is not None]
            if upcoming:
                waits.append(asyncio.ensure_future(self.clock.sleep(min(upcoming) - self.clock.now())))
            try:
                await asyncio.wait(waits, timeout=self.config.refresh_seconds, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waits:
                    waiter.cancel()

    async def claim_round(self) -> bool:
        """One claim per running campaign with due work, higher priority first. True when some campaign
        still has due work this process could not take yet (capacity or rate): come back after a tick."""
        busy = False
        exhausted: set[str] = set()  # tenants whose own limit stopped a campaign this round
        if time.monotonic() < self._claims_paused_until or not self.telephony.connected.is_set():
            return True  # the database or the PBX is away: dialling now would only burn attempts
        for campaign in claim_order([e.campaign for e in self.campaigns.values() if e.claimable]):
            entry = self.campaigns[str(campaign.id)]
            now = self.clock.now()
            if entry.next_due is None or entry.next_due > now or entry.campaign.tenant_id in exhausted:
                continue
            want = min(self.config.batch, self.config.max_calls - len(self.live) - self._claimed)
            if want <= 0 or self._stop.is_set():
                return True
            scope = claim_scope(entry.campaign, entry.trunk, entry.version, entry.tenant_limits,
                                self.config.trunk_limits)
            await self._batch_slots.acquire()
            real_now = time.time()
            try:
                claimed = await self.schedule.claim(scope, due_by=now, real_now=real_now, owner=self.owner,
                                                    want=want, lease_until=real_now + self.config.lease_seconds)
            except BaseException:
                self._batch_slots.release()
                raise
            if claimed.ids:
                self.stats.claimed += len(claimed.ids)
                self._claimed += len(claimed.ids)
                batch = asyncio.create_task(self._start_batch(entry, claimed.ids))
                self._batches.add(batch)
                batch.add_done_callback(self._batches.discard)
            else:
                self._batch_slots.release()
            if claimed.limiter == "stale":
                self._refresh_now.set()
                entry.next_due = None  # until the refresh
                continue
            entry.next_due = claimed.next_score
            if claimed.limiter == "tenant":
                exhausted.add(entry.campaign.tenant_id)
            if claimed.limiter != "due" and claimed.next_score is not None and claimed.next_score <= now:
                busy = True
        return busy

    async def _start_batch(self, entry: CampaignEntry, ids: list[str]) -> None:
        try:
            await self._start_claimed(entry, ids)
        except Exception as exc:  # noqa: BLE001 - the database is away: pause claiming a moment
            # The claims are left to expire: recovery then finds each contact as it is (still pending, or
            # marked in progress without a call) and puts it back.
            log.warning("dialer: starting %d calls of campaign %s failed: %s", len(ids), entry.id, exc)
            self._claims_paused_until = time.monotonic() + 1.0
        finally:
            self._claimed -= len(ids)
            self._batch_slots.release()

    async def _start_claimed(self, entry: CampaignEntry, ids: list[str]) -> None:
        campaign, now = entry.campaign, self.clock.now()
        found = await store.load_contacts(ids)
        blocked = await store.do_not_call(campaign.tenant_id, {p for c in found.values() for p in c.get("phones", [])})
        releases: list[Release] = []
        starts: list[tuple[LiveAttempt, AttemptStart]] = []
        for contact_id in ids:
            contact = found.get(contact_id)
            release = Release(entry.id, campaign.tenant_id, entry.trunk, contact_id, refund=True,
                              priority=priority_of(contact) if contact else 0)
            if contact is None or contact.get("status") != ContactStatus.pending.value:
                releases.append(release)  # a stale schedule entry: nothing to do
                continue
            due = due_at(contact)
            if due is not None and due > now:  # rescheduled since it was put on the schedule
                releases.append(replace(release, score=store.contact_score(contact)))
                continue
            opens = next_opening(campaign.windows, zone_name(contact.get("timezone"), campaign.timezone), now)
            if opens > now:  # outside its calling window: back on the schedule for when it opens
                releases.append(replace(release, score=score(opens)))
                continue
            start = self._prepare(entry, contact, blocked, now)
            if isinstance(start, Finish):
                self.writer.add(start)
            else:
                starts.append(start)
        if releases:
            await self.schedule.release(self.owner, releases)
        started = await store.start_attempts([s for _, s in starts])
        lost = [replace(a.release(store.contact_score(a.contact)), refund=True)
                for a, _ in starts if a.contact_id not in started]
        if lost:
            await self.schedule.release(self.owner, lost)
        for attempt, _ in starts:
            if attempt.contact_id in started:
                self.live[attempt.contact_id] = attempt
                attempt.task = asyncio.create_task(self._run(attempt))

    def _prepare(self, entry: CampaignEntry, contact: dict, blocked: set[str], now: float
                 ) -> tuple[LiveAttempt, AttemptStart] | Finish:
        """The attempt to make for a due contact, or its final state when it cannot be called."""
        campaign = entry.campaign
        phones = list(contact.get("phones") or [])
        counts = list(contact.get("number_attempts") or [])
        counts += [0] * (len(phones) - len(counts))
        attempts = contact.get("attempts") or 0
        final = None
        index = None
        if not phones:
            final = ContactStatus.failed
        elif attempts >= campaign.max_attempts_per_contact:
            final = ContactStatus.out_of_attempts
        else:
            skip = frozenset(i for i, p in enumerate(phones) if p in blocked)
            start = contact.get("next_phone") or 0
            index = next_number(counts, (start - 1) % len(phones), campaign.max_attempts_per_number, skip)
            if index is None:
                left = [i for i, c in enumerate(counts) if c < campaign.max_attempts_per_number]
                final = ContactStatus.suppressed if left else ContactStatus.out_of_attempts
        if final is not None:
            return Finish(release=Release(entry.id, campaign.tenant_id, entry.trunk, str(contact["_id"]), refund=True),
                          contact_filter={"status": ContactStatus.pending.value, "attempts": attempts},
                          contact_set={"status": final.value, "last_outcome": final.value})
        counts[index] += 1
        attempt_id = ObjectId()
        live = LiveAttempt(attempt_id=attempt_id, entry=entry, contact=contact, phone=phones[index], phone_index=index,
                           attempts=attempts + 1, number_attempts=counts, channel_id=f"dialer-{attempt_id}")
        at = to_datetime(now)
        contact_set = {"status": ContactStatus.in_progress.value, "attempts": attempts + 1, "number_attempts": counts,
                       "next_phone": index, "last_attempt_at": at, "current_attempt_id": str(attempt_id),
                       "updated_at": utcnow()}
        document = attempt_document(
            _id=attempt_id, tenant_id=campaign.tenant_id, campaign_id=entry.id,
            campaign_contact_id=live.contact_id, phone=live.phone, phone_index=index, attempt_number=attempts + 1,
            runtime_id=self.owner, channel_id=live.channel_id, originated_at=at)
        return live, AttemptStart(live.contact_id, attempts, contact_set, document)

    # --- one call ---------------------------------------------------------------------------------------
    async def _run(self, attempt: LiveAttempt) -> None:
        entry, run = attempt.entry, None
        try:
            placed = await originate(attempt, self.telephony,
                                     endpoint=endpoint_for(entry.trunk, attempt.phone, self.config.default_trunk),
                                     app_args=[DIALER_ARG, str(attempt.attempt_id)], now=self.clock.now)
            self.stats.originated += 1
            if placed:
                self._announce(attempt, "ringing")
            if placed and await await_answer(attempt, self.config.answer_grace_seconds) and not attempt.lost:
                self._announce(attempt, "answered")
                run = await run_flow(attempt, entry.graph, entry.tenant, self.runtime, entry.campaign.caller_id)
                self.runtime.records.add(call_record(attempt, run))
            await attempt.call.wait_ended(self.config.answer_grace_seconds)
        except asyncio.CancelledError:
            raise  # stop(): recorded as interrupted there
        except Exception:  # noqa: BLE001 - whatever broke, the attempt is recorded and the contact moves on
            log.exception("dialer: attempt %s failed", attempt.attempt_id)
            if attempt.call is not None:
                with contextlib.suppress(Exception):
                    await attempt.call.hangup()
        if attempt.lost:
            self.live.pop(attempt.contact_id, None)  # the process that took the lease over records it
            return
        progress = attempt.call.progress if attempt.call is not None else None
        outcome = outcome_of(attempt) if progress is not None else AttemptOutcome.provider_error
        self._finish(attempt, outcome, run)

    def _finish(self, attempt: LiveAttempt, outcome: AttemptOutcome, run=None) -> None:
        attempt.finishing = True
        ended_at = self.clock.now()
        progress = attempt.call.progress if attempt.call is not None else None
        if progress is None:
            progress = OriginationProgress(channel_id=attempt.channel_id, originated_at=ended_at,
                                           error="not originated")
        finish = result_of(attempt, progress, outcome, run, progress.ended_at or ended_at)
        if attempt.campaign.state in FINAL_STATES:
            finish.release = replace(finish.release, score=None)  # nothing more to schedule
        self.stats.outcomes[outcome.value] = self.stats.outcomes.get(outcome.value, 0) + 1
        finish.done = lambda: self.live.pop(attempt.contact_id, None)
        self.writer.add(finish)

    def _announce(self, attempt: LiveAttempt, state: str) -> None:
        """The live-call entry of the progress feed (progress.live_calls), written with the next flush."""
        self.feed.call(attempt.entry.id, attempt.contact_id, {
            "contact_id": attempt.contact_id, "attempt_id": str(attempt.attempt_id), "phone": attempt.phone,
            "state": state, "since": to_datetime(self.clock.now()).isoformat(), "runtime": self.owner})
        if state == "ringing":
            self.feed.originated(attempt.entry.id, str(attempt.attempt_id))


    async def _flushed(self, batch: list[Finish]) -> None:
        self.stats.finished += len(batch)
        for finish in batch:
            entry = self.campaigns.get(finish.release.campaign_id)
            if entry is not None and finish.release.score is not None:
                entry.next_due = -math.inf if entry.next_due is None else min(entry.next_due, finish.release.score)
        self._wake.set()

    # --- leases -----------------------------------------------------------------------------------------
    async def _renew_loop(self) -> None:
        while not self._stop.is_set():
            await self._sleep_real(self.config.lease_seconds / 3)
            await self.renew()

    async def renew(self) -> None:
        live = [a for a in self.live.values() if not a.lost]
        results = await self.schedule.renew(self.owner, time.time() + self.config.lease_seconds,
                                            [(a.contact_id, a.entry.id, a.campaign.tenant_id, a.entry.trunk)
                                             for a in live])
        missing = [a for a, r in zip(live, results) if r == -1]
        if missing:  # Redis lost them: ours still if the database says so
            current = await store.load_contacts([a.contact_id for a in missing])
            ours = [a.contact_id for a in missing
                    if current.get(a.contact_id, {}).get("current_attempt_id") == str(a.attempt_id)]
            adopted = set(await self.schedule.adopt(self.owner, time.time() + self.config.lease_seconds, ours))
            results = [1 if a.contact_id in adopted else (0 if r == -1 else r) for a, r in zip(live, results)]
        for attempt, result in zip(live, results):
            if result == 0:
                log.warning("dialer: lease on contact %s was taken over; hanging up its call", attempt.contact_id)
                attempt.lost = True
                if attempt.call is not None:
                    with contextlib.suppress(Exception):
                        await attempt.call.hangup()

    async def _recover_loop(self) -> None:
        while not self._stop.is_set():
            await self._sleep_real(max(0.2, self.config.lease_seconds / 4))
            recovered = await self.recovery.run_once()
            self.stats.recovered += recovered
