"""The dialer's database work: the record of contacts and attempts (the truth the Redis schedule is derived
from). Raw driver calls, in batches: one query or bulk write per claim round or per flush, never one per
event. Every state change of a contact is conditional on the state it is expected to be in, so a stale
schedule entry, a slow process that lost its lease or a recovery racing with a live owner changes nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from flow_runtime.dialer.clock import to_datetime, to_epoch
from flow_runtime.dialer.schedule import Release, Schedule, score
from flow_runtime.outbound.models import (
    PROVIDER_WIDE, CampaignAttempt, CampaignContact, ContactStatus, DncEntry,
)
from tenants.documents import utcnow

log = logging.getLogger(__name__)


def contacts():
    return CampaignContact.get_pymongo_collection()


def attempts():
    return CampaignAttempt.get_pymongo_collection()


def oid(value: str) -> ObjectId | None:
    try:
        return ObjectId(value)
    except Exception:  # noqa: BLE001 - a malformed id is no document
        return None


def due_at(contact: dict) -> float | None:
    """When a contact may be called next: the later of its retry time and its not-before; None: now."""
    times = [t for t in (to_epoch(contact.get("next_attempt_at")), to_epoch(contact.get("not_before"))) if t]
    return max(times) if times else None


def priority_of(contact: dict) -> int:
    return int(contact.get("priority") or 0)


def contact_score(contact: dict) -> float:
    return score(due_at(contact))


async def load_contacts(ids: list[str]) -> dict[str, dict]:
    object_ids = [o for o in map(oid, ids) if o is not None]
    found = await contacts().find({"_id": {"$in": object_ids}}).to_list(None)
    return {str(doc["_id"]): doc for doc in found}


async def do_not_call(tenant_id: str, numbers: set[str]) -> set[str]:
    if not numbers:
        return set()
    found = await DncEntry.get_pymongo_collection().find(
        {"tenant_id": {"$in": [tenant_id, PROVIDER_WIDE]}, "number": {"$in": sorted(numbers)}},
        {"number": 1, "_id": 0}).to_list(None)
    return {doc["number"] for doc in found}


@dataclass
class AttemptStart:
    """A claimed contact about to be dialled: the contact's update and the attempt document."""

    contact_id: str
    expected_attempts: int
    contact_set: dict
    attempt: dict  # the CampaignAttempt document, with its _id


async def start_attempts(starts: list[AttemptStart]) -> set[str]:
    """Marks the contacts in progress (only those still pending with the attempt count we read) and inserts
    their attempts; returns the contact ids that may be dialled."""
    if not starts:
        return set()
    ops = [UpdateOne({"_id": ObjectId(s.contact_id), "status": ContactStatus.pending.value,
                      "attempts": s.expected_attempts}, {"$set": s.contact_set}) for s in starts]
    result = await contacts().bulk_write(ops, ordered=False)
    started = {s.contact_id for s in starts}
    if result.modified_count < len(starts):  # someone changed some of them meanwhile: see which are ours
        mine = {s.contact_id: s.attempt["_id"] for s in starts}
        now = await contacts().find({"_id": {"$in": [ObjectId(c) for c in mine]}},
                                    {"current_attempt_id": 1}).to_list(None)
        started = {str(d["_id"]) for d in now if d.get("current_attempt_id") == str(mine[str(d["_id"])])}
    documents = [s.attempt for s in starts if s.contact_id in started]
    if documents:
        await attempts().insert_many(documents, ordered=False)
    return started


def attempt_document(**fields: Any) -> dict:
    _id = fields.pop("_id")
    document = CampaignAttempt(**fields).model_dump(exclude={"id", "revision_id"})
    document["_id"] = _id
    return document


@dataclass
class Finish:
    """A change to one contact (and maybe its attempt) followed by the end of its lease."""

    release: Release
    contact_filter: dict | None = None  # besides _id
    contact_set: dict | None = None
    contact_inc: dict | None = None
    attempt_id: ObjectId | None = None
    attempt_set: dict | None = None
    done: Callable[[], None] | None = None  # called once written and released


@dataclass
class Writer:
    """Writes finished attempts and contact changes in batches, then ends their leases in Redis. A failed
    write is retried (the leases stay renewed meanwhile): a database restart delays, never loses them."""

    schedule: Schedule
    owner: str
    before_release: Callable[[], Awaitable[None]] | None = None  # the live feed's flush
    max_delay: float = 0.1
    batch: int = 500
    pending: list[Finish] = field(default_factory=list)
    _wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    on_flushed: Callable[[list[Finish]], Awaitable[None]] | None = None

    def add(self, finish: Finish) -> None:
        self.pending.append(finish)
        if len(self.pending) >= self.batch:
            self._wakeup.set()

    async def flush(self) -> None:
        if self.before_release is not None:
            await self.before_release()
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            await self._write(batch)
        except Exception:
            self.pending[:0] = batch
            raise
        for item in batch:
            if item.done is not None:
                item.done()
        if self.on_flushed is not None:
            await self.on_flushed(batch)

    async def _write(self, batch: list[Finish]) -> None:
        now = utcnow()
        attempt_ops = [UpdateOne({"_id": f.attempt_id, "outcome": None}, {"$set": {**f.attempt_set, "updated_at": now}})
                       for f in batch if f.attempt_id is not None and f.attempt_set]
        if attempt_ops:
            await attempts().bulk_write(attempt_ops, ordered=False)
        contact_ops = []
        for f in batch:
            if f.contact_set is None and f.contact_inc is None:
                continue
            update: dict = {"$set": {**(f.contact_set or {}), "updated_at": now}}
            if f.contact_inc:
                update["$inc"] = f.contact_inc
            contact_ops.append(UpdateOne({"_id": ObjectId(f.release.contact_id), **(f.contact_filter or {})}, update))
        if contact_ops:
            await contacts().bulk_write(contact_ops, ordered=False)
        await self.schedule.release(self.owner, [f.release for f in batch])

    async def run(self, stop: asyncio.Event) -> None:
        backoff = self.max_delay
        while not stop.is_set() or self.pending:
            try:
                await asyncio.wait_for(self._wakeup.wait(), backoff)
            except TimeoutError:
                pass
            self._wakeup.clear()
            try:
                await self.flush()
                backoff = self.max_delay
            except Exception as exc:  # noqa: BLE001 - database or Redis away: keep the batch, retry later
                backoff = min(max(backoff * 2, 0.5), 5.0)
                log.warning("dialer: writing %d results failed (%s); retrying in %.1f s", len(self.pending), exc,
                            backoff)
                if stop.is_set():
                    return  # shutting down: the leases expire and recovery records these attempts


async def rebuild(schedule: Schedule, campaign_id: str, lease_until: float) -> tuple[int, int]:
    """Puts the campaign's pending contacts on its schedule and gives every in-progress contact without a
    lease one in the name of the process its attempt names (that process renews it if alive; otherwise it
    expires and is recovered). Returns (scheduled, leases adopted)."""
    entries = []
    live: dict[str, str] = {}
    cursor = contacts().find({"campaign_id": campaign_id, "status": {"$in": [ContactStatus.pending.value,
                                                                            ContactStatus.in_progress.value]}},
                             {"status": 1, "priority": 1, "next_attempt_at": 1, "not_before": 1,
                              "current_attempt_id": 1})
    async for doc in cursor:
        if doc["status"] == ContactStatus.pending.value:
            entries.append((str(doc["_id"]), contact_score(doc), priority_of(doc)))
        else:
            live[str(doc["_id"])] = doc.get("current_attempt_id") or ""
    scheduled = await schedule.schedule(campaign_id, entries)
    adopted = 0
    if live:
        owners: dict[str, list[str]] = {}
        attempt_ids = [o for o in map(oid, live.values()) if o is not None]
        runtime_of = {str(d["_id"]): d.get("runtime_id") or "" async for d in
                      attempts().find({"_id": {"$in": attempt_ids}}, {"runtime_id": 1})}
        for contact_id, attempt_id in live.items():
            owners.setdefault(runtime_of.get(attempt_id) or "unknown", []).append(contact_id)
        for owner, ids in owners.items():
            adopted += len(await schedule.adopt(owner, lease_until, ids))
    return scheduled, adopted


async def open_contacts(campaign_id: str) -> int:
    return await contacts().count_documents(
        {"campaign_id": campaign_id, "status": {"$in": [ContactStatus.pending.value, ContactStatus.in_progress.value]}})


def datetime_fields(**values: float | None) -> dict:
    return {name: to_datetime(value) for name, value in values.items()}
