"""The Redis scripts on their own: claiming within every limit, version fencing, leases that only their
owner renews or releases, and expired leases taken over exactly once."""

from __future__ import annotations

import time

from flow_runtime.dialer.schedule import (
    LEASES, OWNERS, ClaimScope, Limits, Release, Schedule, due_prefix, tenant_channels_key, version_key,
)
from tests.conftest import unique

NOW = 1_900_000_000.0
NO_LIMIT = Limits()


def scope(campaign_id: str, tenant_id: str, version: str = "0", campaign=NO_LIMIT, tenant=NO_LIMIT,
          trunk=NO_LIMIT) -> ClaimScope:
    return ClaimScope(campaign_id, tenant_id, f"trunk-{campaign_id}", version, campaign, tenant, trunk)


async def fill(schedule: Schedule, campaign_id: str, count: int, due: float = NOW) -> list[str]:
    ids = [f"{campaign_id}-{i:02d}" for i in range(count)]
    await schedule.schedule(campaign_id, [(i, due + n, 0) for n, i in enumerate(ids)])
    return ids


async def claim(schedule: Schedule, claim_scope: ClaimScope, owner: str = "a", want: int = 100, due_by: float = NOW + 1000):
    real = time.time()
    return await schedule.claim(claim_scope, due_by=due_by, real_now=real, lease_until=real + 30, owner=owner,
                                want=want)


async def test_claims_only_what_is_due_in_order_and_within_every_limit(redis):
    schedule, campaign_id, tenant_id = Schedule(redis), unique("camp"), unique("tenant")
    ids = await fill(schedule, campaign_id, 10)
    assert (await claim(schedule, scope(campaign_id, tenant_id), due_by=NOW + 1.5)).ids == ids[:2]
    # Two calls live (those) and two inbound calls of the tenant: 6 campaign channels leave 4, the tenant's
    # 7 lines leave 3.
    await redis.zadd(tenant_channels_key(tenant_id), {"inbound-1": time.time() + 60, "inbound-2": time.time() + 60})
    claimed = await claim(schedule, scope(campaign_id, tenant_id, campaign=Limits(channels=6),
                                          tenant=Limits(channels=7)))
    assert claimed.ids == ids[2:5] and claimed.limiter == "tenant" and claimed.next_score == NOW + 5
    claimed = await claim(schedule, scope(campaign_id, tenant_id, campaign=Limits(channels=5)))
    assert claimed.ids == [] and claimed.limiter == "campaign"
    claimed = await claim(schedule, scope(campaign_id, tenant_id, campaign=Limits(channels=6), trunk=Limits(0)))
    assert claimed.ids == [] and claimed.limiter == "trunk"
    claimed = await claim(schedule, scope(campaign_id, tenant_id), due_by=NOW + 6)
    assert claimed.ids == ids[5:7] and claimed.limiter == "due"


async def test_higher_priorities_first_then_earlier_and_a_contact_is_in_one_band(redis):
    schedule, campaign_id = Schedule(redis), unique("camp")
    await schedule.schedule(campaign_id, [("bulk-1", 0.0, 0), ("bulk-2", 0.0, 0), ("task-late", NOW, 5),
                                          ("task-early", NOW - 60, 5), ("future", NOW + 60, 1000)])
    await schedule.schedule(campaign_id, [("bulk-2", NOW, 1000)])  # "call now": moves to its band
    assert await schedule.due_count(campaign_id) == 5
    claimed = await claim(schedule, scope(campaign_id, "t"), want=4, due_by=NOW)
    assert claimed.ids == ["bulk-2", "task-early", "task-late", "bulk-1"] and claimed.next_score == NOW + 60
    assert await schedule.due_count(campaign_id, NOW) == 0
    await schedule.forget([campaign_id])
    assert await schedule.due_count(campaign_id) == 0


async def test_call_rate_tokens_refill_with_time(redis):
    schedule, campaign_id = Schedule(redis), unique("camp")
    await fill(schedule, campaign_id, 20)
    limited = scope(campaign_id, unique("tenant"), campaign=Limits(cps=8))
    first = await claim(schedule, limited)
    assert len(first.ids) == 2 and first.limiter == "campaign"  # a quarter second's worth
    assert (await claim(schedule, limited)).ids == []
    time.sleep(0.3)
    assert len((await claim(schedule, limited)).ids) == 2
    stopped = await claim(schedule, scope(campaign_id, unique("tenant"), tenant=Limits(cps=0)))
    assert stopped.ids == [] and stopped.limiter == "tenant"  # 0 calls per second: none at all


async def test_a_changed_campaign_claims_nothing_until_reread(redis):
    schedule, campaign_id = Schedule(redis), unique("camp")
    await fill(schedule, campaign_id, 3)
    await redis.incr(version_key(campaign_id))
    stale = await claim(schedule, scope(campaign_id, "t", version="0"))
    assert stale.limiter == "stale" and stale.ids == []
    assert len((await claim(schedule, scope(campaign_id, "t", version="1"))).ids) == 3


async def test_leases_belong_to_their_owner(redis):
    schedule, campaign_id = Schedule(redis), unique("camp")
    ids = await fill(schedule, campaign_id, 3)
    await claim(schedule, scope(campaign_id, "t"), owner="a")
    leases = [(i, campaign_id, "t", f"trunk-{campaign_id}") for i in ids]
    assert await schedule.renew("a", time.time() + 30, leases) == [1, 1, 1]
    assert await schedule.renew("b", time.time() + 30, leases) == [0, 0, 0]
    # A leased contact is not put back on the schedule by anyone else (e.g. a rebuild from a stale read).
    assert await schedule.schedule(campaign_id, [(ids[0], NOW, 0)]) == 0
    assert await schedule.release("b", [Release(campaign_id, "t", f"trunk-{campaign_id}", ids[0], NOW)]) == 0
    assert await schedule.release("a", [Release(campaign_id, "t", f"trunk-{campaign_id}", ids[0], NOW + 60)]) == 1
    assert await redis.zscore(due_prefix(campaign_id) + "0", ids[0]) == NOW + 60
    await redis.hdel(OWNERS, ids[1])
    await redis.zrem(LEASES, ids[1])  # as if Redis had lost it
    assert await schedule.renew("a", time.time() + 30, leases[1:]) == [-1, 1]
    assert await schedule.adopt("a", time.time() + 30, [ids[1], ids[2]]) == [ids[1]]


async def test_expired_leases_are_taken_over_once(redis):
    schedule, campaign_id = Schedule(redis), unique("camp")
    ids = await fill(schedule, campaign_id, 2)
    real = time.time()
    await schedule.claim(scope(campaign_id, "t"), due_by=NOW + 10, real_now=real, lease_until=real + 0.2,
                         owner="dead", want=1)
    await schedule.claim(scope(campaign_id, "t"), due_by=NOW + 10, real_now=real, lease_until=real + 60,
                         owner="alive", want=1)
    time.sleep(0.3)
    later = time.time()
    stolen = await schedule.steal_expired("rescuer", later, later + 30)
    assert (ids[0], "dead") in stolen and all(i != ids[1] for i, _ in stolen)
    assert (ids[0], "rescuer") not in await schedule.steal_expired("other", later, later + 30)
    assert await schedule.renew("dead", later + 30, [(ids[0], campaign_id, "t", "x")]) == [0]
