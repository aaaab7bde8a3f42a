"""IVR load on one runtime process against the sandbox PBX.

N calls, placed at a steady rate, each run a 10-node IVR: answer, a 1 s prompt, a menu (1 s prompt) where
the caller presses 1, variable and condition nodes, a 1 s prompt, the call result, hang up. Prints calls/s,
the runtime's CPU seconds per call (its own process only, call records included), p50/p99 latency from the
caller's key press to the next prompt starting (sandbox timestamps), and the runtime's peak RSS.

    .venv/bin/python bench/ivr_load.py --calls 1000 --rate 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import connect_mongo  # noqa: E402
from backend.embedded import free_port, start_mongo, start_python_module, start_redis  # noqa: E402
from flow_runtime.call_records import CallRecord  # noqa: E402
from flow_runtime.flow_documents import Flow, FlowVersion  # noqa: E402
from tenants.models import Tenant, TenantLimits  # noqa: E402
from tenants.numbers import InboundNumber, NumberKind, lookup_key  # noqa: E402

NUMBER = "+74950000777"
PROMPTS = {"intro": "000000000000000000000001", "menu": "000000000000000000000002",
           "thanks": "000000000000000000000003", "sorry": "000000000000000000000004"}


def ivr_graph() -> dict:
    def n(node_id, node_type, **data):
        return {"id": node_id, "type": node_type, "position": {"x": 0, "y": 0}, "data": data}

    def audio(name):
        return {"items": [{"kind": "audio", "audio_id": PROMPTS[name]}]}

    def e(source, output, target):
        return {"id": f"{source}-{output}", "source": source, "sourceHandle": output, "target": target}

    nodes = [n("start", "start", trigger="inbound_number"), n("answer", "answer"),
             n("intro", "play", prompt=audio("intro")),
             n("menu", "menu", prompt=audio("menu"), keys=["1", "2"], timeout=5, retries=0),
             n("remember", "set_variable", assignments=[{"variable": "choice", "expression": "call.last_dtmf"}]),
             n("check", "condition", expression="flow.choice == '1'"),
             n("thanks", "play", prompt=audio("thanks")), n("sorry", "play", prompt=audio("sorry")),
             n("result", "set_result", outcome="confirmed"), n("bye", "hangup")]
    edges = [e("start", "next", "answer"), e("answer", "next", "intro"), e("intro", "done", "menu"),
             e("menu", "1", "remember"), e("menu", "2", "remember"), e("menu", "timeout", "bye"),
             e("menu", "invalid", "bye"), e("remember", "next", "check"), e("check", "true", "thanks"),
             e("check", "false", "sorry"), e("thanks", "done", "result"), e("sorry", "done", "bye"),
             e("result", "next", "bye")]
    return {"nodes": nodes, "edges": edges}


async def seed(data_dir: Path, concurrent: int) -> str:
    tenant = await Tenant(slug="bench", name="Bench", limits=TenantLimits(max_concurrent_calls=concurrent)).insert()
    tenant_id = str(tenant.id)
    flow = await Flow(tenant_id=tenant_id, name="IVR", draft=ivr_graph(), published_version=1).insert()
    await FlowVersion(tenant_id=tenant_id, flow_id=str(flow.id), version=1, graph=ivr_graph(), author="bench").insert()
    await InboundNumber(tenant_id=tenant_id, number=NUMBER, kind=NumberKind.did, flow_id=str(flow.id),
                        lookup_key=lookup_key(NumberKind.did, NUMBER, tenant_id)).insert()
    return tenant_id


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def stamp(entry: dict) -> float:
    return datetime.strptime(entry["at"], "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()


async def drive(control_url: str, auth: tuple[str, str], calls: int, rate: float, runtime_pid: int) -> dict:
    pressed: dict[str, float] = {}
    latencies: list[float] = []
    ended: set[str] = set()
    all_ended = asyncio.Event()
    ws_url = control_url.replace("http://", "ws://") + f"/sandbox/events?api_key={auth[0]}:{auth[1]}"
    async with websockets.connect(ws_url, max_size=None, compression=None) as socket, \
            httpx.AsyncClient(base_url=control_url, auth=auth, timeout=30,
                              limits=httpx.Limits(max_connections=32)) as client:
        async def listen():
            async for frame in socket:
                entry = json.loads(frame)
                channel = entry.get("channel_id")
                if entry["event"] == "ChannelDtmfReceived":
                    pressed[channel] = stamp(entry)
                elif entry["event"] == "PlaybackStarted" and channel in pressed:
                    latencies.append(stamp(entry) - pressed.pop(channel))
                elif entry["event"] == "StasisEnd":
                    ended.add(channel)
                    if len(ended) >= calls:
                        all_ended.set()

        listener = asyncio.create_task(listen())
        cpu_before, started = cpu_seconds(runtime_pid), time.monotonic()
        body = {"dialed_number": NUMBER, "caller_number": "79160000000", "args": ["inbound", NUMBER],
                "actions": [{"at_seconds": 2.5, "dtmf": "1"}]}
        placing = []
        for index in range(calls):
            placing.append(asyncio.create_task(client.post("/sandbox/calls", json=body)))
            await asyncio.sleep(max(0.0, started + (index + 1) / rate - time.monotonic()))
        placed_in = time.monotonic() - started
        responses = await asyncio.gather(*placing)
        failed = sum(r.status_code != 201 for r in responses)
        await asyncio.wait_for(all_ended.wait(), 120)
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(runtime_pid) - cpu_before
        listener.cancel()
    latencies.sort()
    return {"calls": calls, "placing_failed": failed, "placed_per_second": calls / placed_in,
            "completed_per_second": calls / elapsed, "runtime_cpu_ms_per_call": 1000 * cpu / calls,
            "latency_p50_ms": 1000 * statistics.median(latencies) if latencies else None,
            "latency_p99_ms": 1000 * latencies[int(len(latencies) * 0.99) - 1] if latencies else None,
            "latency_samples": len(latencies), "runtime_peak_rss_mb": peak_rss_mb(runtime_pid)}


async def main(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="voxflow-bench-"))
    logs = work / "logs"
    mongo, redis = start_mongo(None, logs), start_redis(None, logs)
    children = [mongo, redis]
    try:
        os.environ.update({"VOXFLOW_MONGODB_URL": mongo.url, "VOXFLOW_REDIS_URL": redis.url,
                           "VOXFLOW_DATA_DIR": str(work / "data")})
        client = await connect_mongo(mongo.url, "voxflow")
        await seed(work / "data", args.calls * 2)
        port, password = free_port(), secrets.token_urlsafe(12)
        children.append(start_python_module("sandbox", "flow_runtime.sandbox_pbx", [
            "--port", str(port), f"--password={password}", "--default-media-seconds", "1",
            "--recordings-dir", str(work / "rec")], port, logs))
        control_url = f"http://127.0.0.1:{port}"
        runtime = start_python_module("runtime", "flow_runtime", ["--sandbox"], None, logs, {
            "VOXFLOW_ARI_URL": control_url, "VOXFLOW_ARI_USER": "voxflow", "VOXFLOW_ARI_PASSWORD": password})
        children.append(runtime)
        deadline = time.monotonic() + 30
        while "runtime connected" not in (logs / "runtime.log").read_text() and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        figures = await drive(control_url, ("voxflow", password), args.calls, args.rate, runtime.process.pid)
        deadline = time.monotonic() + 30
        while await CallRecord.find({}).count() < args.calls and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        figures["call_records_written"] = await CallRecord.find({}).count()
        await client.close()
        for name, value in figures.items():
            print(f"{name:28} {value:.2f}" if isinstance(value, float) else f"{name:28} {value}")
    finally:
        for child in reversed(children):
            child.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rate", type=float, default=50.0, help="new calls per second")
    asyncio.run(main(parser.parse_args()))
