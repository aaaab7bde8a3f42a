"""Two runtime processes (real subprocesses, as in production) work one campaign: never two live calls
to one contact; one is killed with SIGKILL mid-campaign and the campaign still completes with every
contact reached once, the killed process's calls hung up and recorded as interrupted, nothing dialled
twice at once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from datetime import datetime

import pytest

from backend.embedded import start_python_module
from flow_runtime.dialer.clock import SystemClock
from flow_runtime.dialer.progress import live_calls
from flow_runtime.heartbeat import KEY_PREFIX
from flow_runtime.outbound.models import CampaignState
from tests.conftest import unique
from tests.dialer.conftest import DialerHarness, confirm_flow, numbers, press, publish_flow
from tests.runtime.conftest import wait_until


@pytest.fixture
async def two_runtimes(runtime, settings, sandbox, tmp_path):
    """The test process's dialer stopped; two runtime processes with dialers against the session's servers."""
    previous = runtime.dialer.config if runtime.dialer else None
    await runtime.replace_dialer(None)
    env = {"VOXFLOW_MONGODB_URL": settings.mongodb_url, "VOXFLOW_REDIS_URL": settings.redis_url,
           "VOXFLOW_DATABASE_NAME": settings.database_name, "VOXFLOW_DATA_DIR": str(settings.data_dir),
           "VOXFLOW_ARI_URL": settings.ari_url, "VOXFLOW_ARI_USER": settings.ari_user,
           "VOXFLOW_ARI_PASSWORD": settings.ari_password.get_secret_value(), "VOXFLOW_DIALER": "on",
           "VOXFLOW_DIALER_LEASE_SECONDS": "2", "VOXFLOW_DIALER_REFRESH_SECONDS": "0.5",
           "VOXFLOW_DIALER_TICK_SECONDS": "0.02"}
    children = [start_python_module(name, "flow_runtime", ["--sandbox"], None, tmp_path,
                                    {**env, "VOXFLOW_ARI_APP": unique(f"voxflow-{name}-")})
                for name in ("dialer-a", "dialer-b")]
    try:
        yield children
    finally:
        for child in children:
            child.stop()
        await runtime.replace_dialer(previous)


async def dialer_ids(redis, children) -> dict[int, str]:
    """pid → dialer id, once every child announced its dialer."""
    found = {}
    async for key in redis.scan_iter(match=KEY_PREFIX + "*"):
        raw = await redis.get(key)
        pid = int(key.decode().rsplit(":", 1)[1])
        if raw and json.loads(raw).get("dialer") and pid in {c.process.pid for c in children}:
            found[pid] = json.loads(raw)["dialer"]["id"]
    return found if len(found) == len(children) else {}


async def test_two_processes_share_a_campaign_and_survive_a_sigkill(two_runtimes, make_tenant, control, redis):
    tenant = await make_tenant(limits={"max_concurrent_calls": 50, "max_calls_per_second": 100})
    harness = DialerHarness(None, SystemClock(), redis, tenant, await publish_flow(tenant, confirm_flow()))
    ids = await wait_until(lambda: dialer_ids(redis, two_runtimes), timeout=30)
    phones = numbers(30)
    # Every callee answers and confirms after 1.5 s; a call killed mid-way is hung up by recovery.
    await control.set_outcomes([{"match": "+7900*", "outcome": "answer", "actions": press("1", at=30)}])
    live_numbers: list[str] = []
    overlaps: list[str] = []

    async def watch() -> None:  # no number may ever have two live calls
        while True:
            live_numbers[:] = [c["dialed_number"] for c in (await control.calls())["live"]
                               if c["direction"] == "outbound" and c["dialed_number"] in phones]
            overlaps.extend(n for n in set(live_numbers) if live_numbers.count(n) > 1)
            await asyncio.sleep(0.02)

    watcher = asyncio.create_task(watch())
    try:
        # Paced, so that both processes get calls (one would otherwise claim all channels at once).
        campaign = await harness.campaign([{"phones": [p]} for p in phones], max_channels=8, max_calls_per_second=8,
                                          retry_delays={"provider_error": 1})
        victim = two_runtimes[0]
        victim_id = ids[victim.process.pid]

        async def both_have_calls():
            calls = await live_calls(redis, str(campaign.id))
            victims = [c for c in calls if c["runtime"] == victim_id and c["state"] == "answered"]
            return victims if victims and len(victims) < len(calls) else None
        killed_calls = await wait_until(both_have_calls, timeout=20)
        os.kill(victim.process.pid, signal.SIGKILL)

        async def completed():
            return (await harness.state(campaign)).state == CampaignState.completed
        await wait_until(completed, timeout=60)
    finally:
        watcher.cancel()
    assert not overlaps

    contacts = await harness.contacts(campaign)
    assert [c.status.value for c in contacts] == ["succeeded"] * 30
    attempts = await harness.attempts(campaign)
    outcomes = [a.outcome.value for a in attempts]
    assert outcomes.count("answered") == 30 and set(outcomes) <= {"answered", "interrupted"}
    interrupted = [a for a in attempts if a.outcome.value == "interrupted"]
    assert {a.campaign_contact_id for a in interrupted} >= {c["contact_id"] for c in killed_calls}
    assert all(a.runtime_id == victim_id for a in interrupted)
    survivor = ids[two_runtimes[1].process.pid]
    assert {a.runtime_id for a in attempts if a.outcome.value == "answered"} <= {victim_id, survivor}
    for contact in contacts:  # one contact's attempts never overlap in time
        mine = sorted((a for a in attempts if a.campaign_contact_id == str(contact.id)), key=lambda a: a.originated_at)
        assert contact.attempts == len(mine)
        for before, after in zip(mine, mine[1:]):
            assert before.ended_at <= after.originated_at
    calls = [c for c in (await control.calls())["ended"] + (await control.calls())["live"] if c["dialed_number"] in phones]
    assert len(calls) == len(attempts) and not [c for c in calls if c["live"]]  # nothing left behind
    by_number: dict[str, list[tuple[datetime, datetime]]] = {}
    for call in calls:
        stamp = lambda text: datetime.fromisoformat(text.replace("+0000", "+00:00"))  # noqa: E731
        by_number.setdefault(call["dialed_number"], []).append((stamp(call["started_at"]), stamp(call["ended_at"])))
    for spans in by_number.values():
        spans.sort()
        assert all(first[1] <= second[0] for first, second in zip(spans, spans[1:]))
