"""Campaigns worked end to end through the sandbox PBX: scripted far ends, a manual clock, and the exact
statuses, attempts and retry times that follow."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from flow_runtime.dialer.schedule import OWNERS
from flow_runtime.outbound.models import PROVIDER_WIDE, CampaignState, DncEntry
from tests.dialer.conftest import MONDAY_10, numbers, press, statuses
from tests.runtime.conftest import wait_until


def at(offset_seconds: float) -> datetime:
    return MONDAY_10 + timedelta(seconds=offset_seconds)


async def test_scripted_outcomes_retries_numbers_and_do_not_call(harness, control):
    a, b, c, d, e1, e2, f, g1, g2, h1, h2 = numbers(11)
    await control.set_outcomes([
        {"match": a, "outcome": "answer", "ring_seconds": 1, "actions": press("1")},
        {"match": b, "outcome": "busy", "times": 1},
        {"match": b, "outcome": "answer", "actions": press("1")},
        {"match": c, "outcome": "no_answer"},
        {"match": d, "outcome": "congestion", "times": 1},
        {"match": d, "outcome": "rejected", "ring_seconds": 0.5},
        {"match": e1, "outcome": "busy"},
        {"match": e2, "outcome": "answer", "actions": press("2")},  # declines: reached, not a success
        {"match": g2, "outcome": "answer", "actions": press("1")},
        {"match": "+7900*", "outcome": "no_answer"},  # h1, h2
    ])
    await DncEntry(tenant_id=harness.tenant.id, number=f).insert()
    await DncEntry(tenant_id=PROVIDER_WIDE, number=g1).insert()
    # 3 attempts per contact, 2 per number.
    campaign = await harness.campaign([
        {"phones": [a], "name": "Анна", "variables": {"debt": 1500}}, {"phones": [b]}, {"phones": [c]},
        {"phones": [d]}, {"phones": [e1, e2]}, {"phones": [f]}, {"phones": [g1, g2]}, {"phones": [h1, h2]},
    ], max_attempts_per_number=2)

    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded", "pending", "pending", "pending", "pending", "suppressed",
                                  "succeeded", "pending"]
    assert [c.attempts for c in contacts] == [1, 1, 1, 1, 1, 0, 1, 1]
    assert [c.next_attempt_at for c in contacts[1:5]] == [at(600), at(1800), at(900), at(600)]
    assert contacts[6].number_attempts == [0, 1]  # the first number is on the provider's list
    assert contacts[0].result == "confirmed"

    await harness.advance_to(at(599))
    await harness.settle(campaign)
    assert [c.attempts for c in await harness.contacts(campaign)] == [1, 1, 1, 1, 1, 0, 1, 1]  # nothing early

    for moment in (600, 900, 1200):
        await harness.advance_to(at(moment))
        await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded", "succeeded", "pending", "out_of_attempts", "failed", "suppressed",
                                  "succeeded", "pending"]
    assert contacts[4].number_attempts == [2, 1]  # the first number used up, then the second
    await harness.advance_to(at(1800))
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert contacts[7].next_phone == 1 and contacts[7].next_attempt_at == at(3600)
    await harness.advance_to(at(3600))
    await harness.settle(campaign)

    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded", "succeeded", "out_of_attempts", "out_of_attempts", "failed",
                                  "suppressed", "succeeded", "out_of_attempts"]
    assert [c.attempts for c in contacts] == [1, 2, 2, 2, 3, 0, 1, 3]
    assert contacts[7].number_attempts == [2, 1]  # stopped by the contact's cap of 3
    assert [c.last_outcome for c in contacts] == ["answered", "answered", "no_answer", "rejected", "answered",
                                                  "suppressed", "answered", "no_answer"]

    attempts = await harness.attempts(campaign)
    by_contact: dict[str, list] = {}
    for attempt in attempts:
        by_contact.setdefault(attempt.campaign_contact_id, []).append(attempt)
    history = [[(x.phone, x.outcome.value, x.originated_at, x.hangup_cause, x.dialstatus)
                for x in by_contact.get(str(c.id), [])] for c in contacts]
    assert history[0] == [(a, "answered", at(0), 16, "ANSWER")]
    assert history[1] == [(b, "busy", at(0), 17, "BUSY"), (b, "answered", at(600), 16, "ANSWER")]
    assert history[2] == [(c, "no_answer", at(t), 19, None) for t in (0, 1800)]
    assert history[3] == [(d, "failed", at(0), 34, "CONGESTION"), (d, "rejected", at(900), 21, "NOANSWER")]
    assert history[4] == [(e1, "busy", at(0), 17, "BUSY"), (e1, "busy", at(600), 17, "BUSY"),
                          (e2, "answered", at(1200), 16, "ANSWER")]
    assert history[5] == []
    assert history[6] == [(g2, "answered", at(0), 16, "ANSWER")]
    assert history[7] == [(h1, "no_answer", at(0), 19, None), (h1, "no_answer", at(1800), 19, None),
                          (h2, "no_answer", at(3600), 19, None)]
    first = by_contact[str(contacts[0].id)][0]
    assert first.dtmf == "1" and first.flow_result == "confirmed" and first.succeeded
    assert first.flow_end_reason == "completed" and first.runtime_id == harness.dialer.owner
    assert first.ringing_at == first.answered_at == first.ended_at == at(0)  # the clock stood still
    assert [x.attempt_number for x in by_contact[str(contacts[7].id)]] == [1, 2, 3]
    declined = by_contact[str(contacts[4].id)][2]
    assert declined.flow_result == "declined" and declined.dtmf == "2" and not declined.succeeded
    assert contacts[4].result == "declined"

    await wait_until(lambda: _completed(harness, campaign))
    assert (await harness.state(campaign)).state_reason == "done"


async def test_calling_window_closes_and_reopens_in_the_contacts_time_zone(harness, control):
    local, east = numbers(2)
    await control.set_outcomes([
        {"match": local, "outcome": "busy", "times": 1},
        {"match": local, "outcome": "answer", "actions": press("1")},
        {"match": east, "outcome": "answer", "actions": press("1")},
    ])
    await harness.clock.set(MONDAY_10.replace(hour=8))
    workdays = {"days": [1, 2, 3, 4, 5], "start": "09:00", "end": "18:00"}
    # A busy number is tried again 9 hours later: at 18:00, when the window has just closed.
    campaign = await harness.campaign([{"phones": [local]}, {"phones": [east], "timezone": "Asia/Yekaterinburg"}],
                                      windows=[workdays], retry_delays={"busy": 9 * 3600})
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["pending", "succeeded"]  # 08:00 in Moscow is 10:00 in Yekaterinburg
    assert contacts[0].attempts == 0

    monday_9 = MONDAY_10.replace(hour=9)
    await harness.advance_to(monday_9 - timedelta(seconds=1))
    await harness.settle(campaign)
    assert (await harness.contacts(campaign))[0].attempts == 0
    await harness.advance_to(monday_9)
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert contacts[0].attempts == 1 and contacts[0].next_attempt_at == MONDAY_10.replace(hour=18)

    await harness.advance_to(MONDAY_10.replace(hour=18))  # due, but the window closed
    await harness.settle(campaign)
    await harness.advance_to(MONDAY_10.replace(hour=23, minute=59))
    await harness.settle(campaign)
    assert (await harness.contacts(campaign))[0].attempts == 1
    tuesday_9 = monday_9 + timedelta(days=1)
    await harness.advance_to(tuesday_9)
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded", "succeeded"]
    attempts = [a for a in await harness.attempts(campaign) if a.phone == local]
    assert [a.originated_at for a in attempts] == [monday_9, tuesday_9]


async def test_pause_stops_new_calls_at_once_and_resume_continues(harness, control, redis):
    from flow_runtime.dialer.progress import attempts_last_minute, live_calls
    phones = numbers(6)
    await control.set_outcomes([{"match": "+7900*", "outcome": "answer", "actions": press("1", at=10)}])
    campaign = await harness.campaign([{"phones": [p]} for p in phones], max_channels=2)
    campaign_id = str(campaign.id)

    async def two_answered():
        calls = await live_calls(redis, campaign_id)
        return len(calls) == 2 and all(c["state"] == "answered" for c in calls) and calls
    calls = await wait_until(two_answered)
    assert {c["phone"] for c in calls} <= set(phones) and calls[0]["since"].startswith("2030-01-07T07:00")
    await harness.set_state(campaign, CampaignState.paused)
    await wait_until(lambda: _none_live(redis, campaign_id))  # the two live calls finish...
    await asyncio.sleep(0.5)
    contacts = await harness.contacts(campaign)
    assert sum(c.status == "succeeded" for c in contacts) == 2  # ...and no third call started
    assert sum(c.attempts for c in contacts) == 2
    assert await attempts_last_minute(redis, campaign_id) == 2

    await harness.set_state(campaign, CampaignState.running)
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded"] * 6 and [c.attempts for c in contacts] == [1] * 6
    assert await attempts_last_minute(redis, campaign_id) == 6


async def _none_live(redis, campaign_id: str) -> bool:
    from flow_runtime.dialer.progress import live_calls
    return not await live_calls(redis, campaign_id)


async def test_cancel_hangs_up_ringing_calls_and_stops(harness, control):
    phones = numbers(4)
    await control.set_outcomes([{"match": "+7900*", "outcome": "no_answer"}])
    campaign = await harness.campaign([{"phones": [p]} for p in phones], max_channels=2, ring_timeout=600)

    async def ringing():
        live = [a for a in harness.dialer.live.values() if a.entry.id == str(campaign.id)]
        return len(live) == 2 and all(a.call and a.call.progress.ringing_at for a in live)
    await wait_until(ringing)
    await harness.set_state(campaign, CampaignState.cancelled)
    await harness.settle(campaign)
    await asyncio.sleep(0.3)
    attempts = await harness.attempts(campaign)
    assert [a.outcome.value for a in attempts] == ["cancelled", "cancelled"]
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["pending"] * 4 and sorted(c.attempts for c in contacts) == [0, 0, 1, 1]
    assert (await harness.state(campaign)).state == CampaignState.cancelled
    assert (await control.state())["channels"] == 0


async def test_channels_rate_and_priority_within_the_tenant(harness, control, provider):
    response = await provider.patch(f"/api/provider/tenants/{harness.tenant.id}",
                                    json={"limits": {"max_concurrent_calls": 1, "max_calls_per_second": 100}})
    assert response.status_code == 200, response.text
    low_phones, high_phones, paced = numbers(3), numbers(3), numbers(8)
    await control.set_outcomes([{"match": p, "outcome": "answer", "actions": press("1", at=2)}
                                for p in low_phones + high_phones] + [{"match": "+7900*", "outcome": "busy"}])
    # Both become due at the same moment (not before 10:01), so priority alone decides who goes first.
    low = await harness.campaign([{"phones": [p], "not_before": at(60)} for p in low_phones], priority=1)
    high = await harness.campaign([{"phones": [p], "not_before": at(60)} for p in high_phones], priority=9)
    await asyncio.sleep(0.5)
    assert not await harness.attempts(low) and not await harness.attempts(high)
    await harness.advance_to(at(60))
    peak = 0
    async with asyncio.timeout(20):
        while (await harness.state(low)).state != CampaignState.completed or \
                (await harness.state(high)).state != CampaignState.completed:
            peak = max(peak, len(harness.dialer.live))
            await asyncio.sleep(0.01)
    assert peak == 1  # the tenant's one line
    order = [a.phone for a in sorted(await harness.attempts(low) + await harness.attempts(high),
                                     key=lambda a: a.id)]
    assert set(order[:3]) == set(high_phones) and set(order[3:]) == set(low_phones)

    await provider.patch(f"/api/provider/tenants/{harness.tenant.id}",
                         json={"limits": {"max_concurrent_calls": 50, "max_calls_per_second": 100}})
    started = asyncio.get_running_loop().time()
    campaign = await harness.campaign([{"phones": [p]} for p in paced], max_calls_per_second=5,
                                      max_attempts_per_contact=1)
    await harness.settle(campaign)
    elapsed = asyncio.get_running_loop().time() - started
    calls = [c for c in (await control.calls())["ended"] if c["dialed_number"] in paced]
    assert len(calls) == 8
    stamps = sorted(datetime.fromisoformat(c["started_at"].replace("+0000", "+00:00")).timestamp() for c in calls)
    assert stamps[-1] - stamps[0] >= (8 - 1.25) / 5 - 0.1  # 5 calls per second after a quarter-second burst
    assert elapsed < 6


async def test_an_ad_hoc_call_now_task_goes_before_the_rest_of_the_list(harness, control, redis):
    from flow_runtime.outbound import signals
    bulk, task = numbers(4), numbers(1)[0]
    await control.set_outcomes([{"match": "+7900*", "outcome": "answer", "actions": press("1", at=10)}])
    campaign = await harness.campaign([{"phones": [p]} for p in bulk], max_channels=1)
    await wait_until(lambda: _live_count(harness, 1))
    # What the API does for a task with call_now: priority 1000, due now, then contacts_due.
    added = await harness.add_contacts(campaign, [{"phones": [task], "source": "api", "task_key": "crm-42",
                                                   "priority": 1000, "next_attempt_at": at(0)}])
    await signals.contacts_due(redis, str(campaign.id), [str(added[0].id)])
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded"] * 5 and contacts[4].task_key == "crm-42"
    assert [a.phone for a in await harness.attempts(campaign)][:2] == [bulk[0], task]


async def _live_count(harness, count: int) -> bool:
    return len(harness.dialer.live) == count


async def test_redis_losing_the_dialer_state_loses_nothing(harness, control, redis):
    phones = numbers(6)
    await control.set_outcomes([{"match": "+7900*", "outcome": "answer", "actions": press("1", at=40)}])
    campaign = await harness.campaign([{"phones": [p]} for p in phones], max_channels=3)

    async def three_live():
        return len(harness.dialer.live) == 3
    await wait_until(three_live)
    # What a Redis restart without persistence leaves: none of the dialer's keys (the other tests' sessions
    # live in the same Redis, so only these are deleted).
    keys = [k async for k in redis.scan_iter(match="dialer:*")] + [k async for k in redis.scan_iter("active_calls:*")]
    await redis.delete(*keys)
    live = list(harness.dialer.live)
    await asyncio.sleep(1.3)  # a lease renewal: the database says the calls are still ours, so it takes them back
    assert [await redis.hget(OWNERS, c) for c in live] == [harness.dialer.owner.encode()] * 3
    await harness.settle(campaign, timeout=30)
    await wait_until(lambda: _completed(harness, campaign), timeout=10)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded"] * 6 and [c.attempts for c in contacts] == [1] * 6
    assert [a.outcome.value for a in await harness.attempts(campaign)] == ["answered"] * 6


async def _completed(harness, campaign) -> bool:
    return (await harness.state(campaign)).state == CampaignState.completed


async def test_scheduled_campaign_starts_at_its_start_and_completes_at_its_end(harness, control):
    answers, busy = numbers(2)
    await control.set_outcomes([{"match": answers, "outcome": "answer", "actions": press("1")},
                                {"match": busy, "outcome": "busy"}])
    campaign = await harness.campaign([{"phones": [answers]}, {"phones": [busy]}], state=CampaignState.scheduled,
                                      starts_at=at(3600), ends_at=at(4000))
    await asyncio.sleep(0.5)
    assert (await harness.state(campaign)).state == CampaignState.scheduled and not await harness.attempts(campaign)

    await harness.advance_to(at(3600))
    await wait_until(lambda: _state_is(harness, campaign, CampaignState.running))
    await harness.settle(campaign)
    contacts = await harness.contacts(campaign)
    assert statuses(contacts) == ["succeeded", "pending"] and contacts[1].next_attempt_at == at(4200)

    await harness.advance_to(at(4000))
    await wait_until(lambda: _state_is(harness, campaign, CampaignState.completed))
    finished = await harness.state(campaign)
    assert finished.state_reason == "ends_at" and finished.finished_at == at(4000)
    assert statuses(await harness.contacts(campaign)) == ["succeeded", "pending"]  # left as they were


async def _state_is(harness, campaign, state: CampaignState) -> bool:
    return (await harness.state(campaign)).state == state


async def test_a_campaign_call_nobody_owns_is_hung_up(runtime, control):
    """Answered after the process that placed it went away, it reaches whichever process serves the app."""
    from tests.runtime.conftest import ended
    channel = await control.place_call("+79001234567", "+74950000001", args=["dialer", "6b0000000000000000000000"])
    call = await wait_until(lambda: ended(control, channel))
    assert call["cause"] == 16 and not [e for e in call["transcript"] if e["event"] == "PlaybackStarted"]
