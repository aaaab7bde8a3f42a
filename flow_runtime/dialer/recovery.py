"""Recovery of attempts whose process died: their leases expire (nobody renews them), one process takes
each over (atomically, so only one), hangs up the call the dead process left on the PBX — so the contact
never has two live calls — records the attempt as interrupted and puts the contact back on the schedule
by the campaign's retry rules. A process that was only slow finds its lease taken at its next renewal
and hangs up its call itself; every write here is conditional on the contact still being in that
attempt, so the two never both record it."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from bson import ObjectId

from flow_runtime.dialer import store
from flow_runtime.dialer.attempt import LiveAttempt, result_of
from flow_runtime.dialer.campaigns import CampaignEntry
from flow_runtime.dialer.clock import to_epoch
from flow_runtime.dialer.policy import after_attempt
from flow_runtime.dialer.schedule import Release, score
from flow_runtime.outbound.models import AttemptOutcome, Campaign, ContactStatus
from flow_runtime.telephony.port import OriginationProgress

if TYPE_CHECKING:
    from flow_runtime.dialer.engine import Dialer

log = logging.getLogger(__name__)


class Recovery:
    def __init__(self, dialer: Dialer) -> None:
        self.dialer = dialer

    async def run_once(self, limit: int = 50) -> int:
        dialer = self.dialer
        real_now = time.time()
        stolen = await dialer.schedule.steal_expired(dialer.owner, real_now, real_now + dialer.config.lease_seconds,
                                                     limit)
        recovered = 0
        for contact_id, previous in stolen:
            if contact_id in dialer.live:
                continue  # our own call whose renewal came late: the lease is ours again
            try:
                await self.recover(contact_id)
                recovered += 1
                log.info("dialer: recovered contact %s from %s", contact_id, previous or "nobody")
            except Exception as exc:  # noqa: BLE001 - the lease expires again and someone retries
                log.warning("dialer: recovering contact %s failed: %s", contact_id, exc)
        return recovered

    async def _entry(self, campaign_id: str) -> CampaignEntry | None:
        entry = self.dialer.campaigns.get(campaign_id)
        if entry is not None:
            return entry
        campaign = await Campaign.get(ObjectId(campaign_id)) if store.oid(campaign_id) else None
        if campaign is None:
            return None
        return CampaignEntry(campaign, "", campaign.trunk or self.dialer.config.default_trunk)

    async def recover(self, contact_id: str) -> None:
        dialer = self.dialer
        contact = (await store.load_contacts([contact_id])).get(contact_id)
        entry = await self._entry(contact["campaign_id"]) if contact else None
        if contact is None or entry is None:
            await dialer.schedule.release(dialer.owner, [Release("", "", "", contact_id)])
            return
        campaign = entry.campaign
        release = Release(entry.id, campaign.tenant_id, entry.trunk, contact_id, priority=store.priority_of(contact))
        status = contact.get("status")
        if status != ContactStatus.in_progress.value:  # died before dialling (still pending) or already written
            again = store.contact_score(contact) if status == ContactStatus.pending.value else None
            await dialer.schedule.release(dialer.owner, [replace(release, score=again)])
            return
        attempt_id = contact.get("current_attempt_id") or ""
        attempt = await store.attempts().find_one({"_id": store.oid(attempt_id)}) if store.oid(attempt_id) else None
        in_attempt = {"status": ContactStatus.in_progress.value, "current_attempt_id": attempt_id}
        if attempt is None:
            # It died between marking the contact and inserting the attempt: nothing was dialled. Undo.
            counts = list(contact.get("number_attempts") or [])
            index = contact.get("next_phone") or 0
            if index < len(counts) and counts[index] > 0:
                counts[index] -= 1
            dialer.writer.add(store.Finish(
                release=replace(release, score=store.contact_score(contact)),
                contact_filter=in_attempt, contact_set={"status": ContactStatus.pending.value, "number_attempts": counts,
                                                        "current_attempt_id": None},
                contact_inc={"attempts": -1}))
            return
        live = LiveAttempt(attempt_id=attempt["_id"], entry=entry, contact=contact, phone=attempt["phone"],
                           phone_index=attempt["phone_index"], attempts=contact.get("attempts") or 0,
                           number_attempts=list(contact.get("number_attempts") or []),
                           channel_id=attempt.get("channel_id") or f"dialer-{attempt['_id']}")
        if attempt.get("outcome") is None:
            await dialer.telephony.hangup_channel(live.channel_id)  # raises if the PBX cannot say: retried later
            now = dialer.clock.now()
            progress = OriginationProgress(channel_id=live.channel_id,
                                           originated_at=to_epoch(attempt.get("originated_at")) or now)
            finish = result_of(live, progress, AttemptOutcome.interrupted, None, now)
        else:
            # The attempt was written but not the contact's next state: apply it now.
            outcome = AttemptOutcome(attempt["outcome"])
            ended = to_epoch(attempt.get("ended_at")) or dialer.clock.now()
            following = after_attempt(campaign, attempts=live.attempts, number_attempts=live.number_attempts,
                                      phone_index=live.phone_index, outcome=outcome,
                                      succeeded=bool(attempt.get("succeeded")), ended_at=ended)
            pending = following.status == ContactStatus.pending
            finish = store.Finish(
                release=replace(release, score=score(following.next_attempt_at) if pending else None),
                contact_filter=in_attempt,
                contact_set={"status": following.status.value, "next_phone": following.next_phone,
                             "next_attempt_at": store.to_datetime(following.next_attempt_at),
                             "last_outcome": outcome.value, "current_attempt_id": None})
        dialer.writer.add(finish)
