"""Outbound dialer load on one runtime process against the sandbox PBX.

A campaign of N contacts, paced at --rate calls per second (0: as fast as the process goes), every callee answering after 1 s of ringing and
listening to a --call-seconds prompt before the flow hangs up (answer, play, result, hang up). The
database, Redis, the sandbox PBX and the runtime are separate processes, as in production. Prints the
sustained originations per second (the middle 80% of attempts, by the time they were started) and answers
per second (by the time the PBX reported the answer, 1 s later), the peak number of concurrent outbound
calls (channels on the PBX), the runtime's CPU milliseconds per call (its own process: claiming,
originating, the flow, attempt records), its CPU load while at peak, its peak RSS, and the CPU load of the
other processes.

    .venv/bin/python bench/dialer_load.py --contacts 3000 --rate 0 --call-seconds 11     # capacity
    .venv/bin/python bench/dialer_load.py --contacts 3000 --rate 100 --call-seconds 11   # paced
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import connect_mongo, connect_redis  # noqa: E402
from backend.embedded import free_port, start_mongo, start_python_module, start_redis  # noqa: E402
from flow_runtime.flow_documents import Flow, FlowVersion  # noqa: E402
from flow_runtime.outbound import signals  # noqa: E402
from flow_runtime.outbound.models import (  # noqa: E402
    Campaign, CampaignAttempt, CampaignContact, CampaignState, ContactStatus,
)
from tenants.models import Tenant, TenantLimits  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ivr_load import cpu_seconds, peak_rss_mb  # noqa: E402

PROMPT = "000000000000000000000009"  # an audio-library id: the sandbox plays it for --call-seconds
UNLIMITED_RATE = 10_000.0


def flow_graph() -> dict:
    def n(node_id, node_type, **data):
        return {"id": node_id, "type": node_type, "position": {"x": 0, "y": 0}, "data": data}

    def e(source, output, target):
        return {"id": f"{source}-{output}", "source": source, "sourceHandle": output, "target": target}

    nodes = [n("start", "start", trigger="campaign"), n("answer", "answer"),
             n("message", "play", prompt={"items": [{"kind": "audio", "audio_id": PROMPT}]}),
             n("result", "set_result", outcome="confirmed"), n("bye", "hangup")]
    edges = [e("start", "next", "answer"), e("answer", "next", "message"), e("message", "done", "result"),
             e("result", "next", "bye")]
    return {"nodes": nodes, "edges": edges}


async def seed(contacts: int, rate: float) -> Campaign:
    tenant = await Tenant(slug="bench", name="Bench", limits=TenantLimits(max_concurrent_calls=10_000,
                                                                          max_calls_per_second=1000)).insert()
    tenant_id = str(tenant.id)
    flow = await Flow(tenant_id=tenant_id, name="Broadcast", draft=flow_graph(), published_version=1).insert()
    await FlowVersion(tenant_id=tenant_id, flow_id=str(flow.id), version=1, graph=flow_graph(), author="bench").insert()
    campaign = await Campaign(tenant_id=tenant_id, name="Bench", flow_id=str(flow.id), flow_version=1,
                              caller_id="+74950000000", trunk="carrier", max_channels=5000, max_calls_per_second=rate,
                              max_attempts_per_contact=1, ring_timeout=30, state=CampaignState.draft).insert()
    documents = [CampaignContact(tenant_id=tenant_id, campaign_id=str(campaign.id), name=f"Контакт {i}",
                                 phones=[f"+7916{i:07d}"], number_attempts=[0], variables={"debt": i % 5000})
                 .model_dump(exclude={"id", "revision_id"}) for i in range(contacts)]
    for start in range(0, len(documents), 5000):
        await CampaignContact.get_pymongo_collection().insert_many(documents[start:start + 5000])
    return campaign


async def drive(campaign: Campaign, control_url: str, auth: tuple[str, str], runtime_pid: int, redis,
                contacts: int, others: dict[str, int]) -> dict:
    samples: list[tuple[float, int, float]] = []  # (time, live channels, runtime cpu seconds)
    async with httpx.AsyncClient(base_url=control_url, auth=auth, timeout=30) as client:
        others_before = {name: cpu_seconds(pid) for name, pid in others.items()}
        cpu_before, started = cpu_seconds(runtime_pid), time.monotonic()
        await Campaign.get_pymongo_collection().update_one({"_id": campaign.id},
                                                           {"$set": {"state": CampaignState.running.value}})
        await signals.campaign_changed(redis, str(campaign.id))
        deadline = started + 600
        while time.monotonic() < deadline:
            state = (await client.get("/sandbox/state")).json()
            samples.append((time.monotonic(), state["channels"], cpu_seconds(runtime_pid)))
            if len(samples) % 8 == 0:
                done = await CampaignContact.find({"campaign_id": str(campaign.id),
                                                   "status": {"$nin": [ContactStatus.pending.value,
                                                                       ContactStatus.in_progress.value]}}).count()
                if done >= contacts:
                    break
            await asyncio.sleep(0.25)
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(runtime_pid) - cpu_before
        others_load = {f"{name}_cpu_load": (cpu_seconds(pid) - others_before[name]) / elapsed
                       for name, pid in others.items()}
    attempts = await CampaignAttempt.get_pymongo_collection().find(
        {"campaign_id": str(campaign.id)}, {"originated_at": 1, "answered_at": 1, "outcome": 1}).to_list(None)

    def sustained(stamps: list[float]) -> float:
        """Per second over the middle 80% of the events."""
        stamps.sort()
        low, high = stamps[len(stamps) // 10], stamps[len(stamps) * 9 // 10 - 1]
        return (len(stamps) * 0.8) / (high - low) if high > low else float("nan")

    peak = max(samples, key=lambda s: s[1])
    # CPU load around the peak: over the samples within 2 s of it.
    window = [s for s in samples if abs(s[0] - peak[0]) <= 2]
    load = (window[-1][2] - window[0][2]) / (window[-1][0] - window[0][0]) if len(window) > 1 else 0.0
    outcomes: dict[str, int] = {}
    for attempt in attempts:
        outcomes[attempt.get("outcome") or "none"] = outcomes.get(attempt.get("outcome") or "none", 0) + 1
    return {"contacts": contacts, "attempts": len(attempts), "outcomes": outcomes, "elapsed_seconds": elapsed,
            "originations_per_second": sustained([a["originated_at"].timestamp() for a in attempts]),
            "answers_per_second": sustained([a["answered_at"].timestamp() for a in attempts if a.get("answered_at")]),
            "peak_concurrent_calls": peak[1], "runtime_cpu_ms_per_call": 1000 * cpu / max(1, len(attempts)),
            "runtime_cpu_load_at_peak": load, "runtime_peak_rss_mb": peak_rss_mb(runtime_pid), **others_load}


async def main(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="voxflow-dialer-bench-"))
    logs = work / "logs"
    mongo, redis_server = start_mongo(None, logs), start_redis(None, logs)
    children = [mongo, redis_server]
    try:
        os.environ.update({"VOXFLOW_MONGODB_URL": mongo.url, "VOXFLOW_REDIS_URL": redis_server.url,
                           "VOXFLOW_DATA_DIR": str(work / "data")})
        client = await connect_mongo(mongo.url, "voxflow")
        redis = connect_redis(redis_server.url)
        campaign = await seed(args.contacts, args.rate or UNLIMITED_RATE)
        port, password = free_port(), secrets.token_urlsafe(12)
        children.append(start_python_module("sandbox", "flow_runtime.sandbox_pbx", [
            "--port", str(port), f"--password={password}", "--default-media-seconds", str(args.call_seconds),
            "--recordings-dir", str(work / "rec")], port, logs))
        control_url = f"http://127.0.0.1:{port}"
        runtime = start_python_module("runtime", "flow_runtime", [], None, logs, {
            "VOXFLOW_ARI_URL": control_url, "VOXFLOW_ARI_USER": "voxflow", "VOXFLOW_ARI_PASSWORD": password,
            "VOXFLOW_DIALER_MAX_CALLS": str(args.contacts)})
        children.append(runtime)
        deadline = time.monotonic() + 30
        while "runtime connected" not in (logs / "runtime.log").read_text() and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        others = {"database": mongo.process.pid, "sandbox": children[2].process.pid,
                  "redis": redis_server.process.pid}
        figures = await drive(campaign, control_url, ("voxflow", password), runtime.process.pid, redis,
                              args.contacts, others)
        await redis.aclose()
        await client.close()
        for name, value in figures.items():
            print(f"{name:28} {value:.2f}" if isinstance(value, float) else f"{name:28} {value}")
    finally:
        for child in reversed(children):
            child.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contacts", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=0.0, help="the campaign's calls per second (0: no limit)")
    parser.add_argument("--call-seconds", type=float, default=11.0, help="how long each callee listens")
    asyncio.run(main(parser.parse_args()))
