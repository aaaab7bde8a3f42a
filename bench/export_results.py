"""Campaign results export: time and memory to write N attempts (and their contacts) to XLSX.

Fills an embedded database with a finished campaign of N/3 contacts and N attempts (three per contact),
then runs the export exactly as the background job does (backend.domains.campaigns.exports.write_results)
in this process, and prints rows/s, the time and peak RSS against the RSS before the export.

    .venv/bin/python bench/export_results.py --attempts 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bson import ObjectId  # noqa: E402

from backend.db import connect_mongo  # noqa: E402
from backend.domains.campaigns.exports import write_results  # noqa: E402
from backend.embedded import start_mongo  # noqa: E402
from flow_runtime.outbound.models import Campaign, CampaignAttempt, CampaignContact  # noqa: E402

OUTCOMES = ["busy", "no_answer", "answered"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def fill(campaign: Campaign, attempts: int) -> None:
    started = datetime(2026, 11, 1, 9, tzinfo=UTC)
    contacts = CampaignContact.get_pymongo_collection()
    tries = CampaignAttempt.get_pymongo_collection()
    cid = str(campaign.id)
    for first in range(0, attempts // 3, 5000):
        batch, attempt_docs = [], []
        for n in range(first, min(first + 5000, attempts // 3)):
            _id = ObjectId()
            phone = f"+7916{n:07d}"
            batch.append({"_id": _id, "tenant_id": "bench", "campaign_id": cid, "name": f"Абонент {n}",
                          "external_id": str(n), "phones": [phone], "number_attempts": [3], "attempts": 3,
                          "status": "succeeded", "last_outcome": "answered", "source": "list", "result": "confirmed",
                          "variables": {"debt": n}})
            for k, outcome in enumerate(OUTCOMES, 1):
                at = started + timedelta(seconds=n * 3 + k)
                attempt_docs.append({"tenant_id": "bench", "campaign_id": cid, "campaign_contact_id": str(_id),
                                     "phone": phone, "phone_index": 0, "attempt_number": k, "outcome": outcome,
                                     "originated_at": at, "ended_at": at + timedelta(seconds=20),
                                     "answered_at": at + timedelta(seconds=5) if outcome == "answered" else None,
                                     "duration_seconds": 20.0, "talk_seconds": 15.0 if outcome == "answered" else None,
                                     "hangup_cause": 16, "dtmf": "1" if outcome == "answered" else "",
                                     "flow_result": "confirmed" if outcome == "answered" else None,
                                     "succeeded": outcome == "answered"})
        await contacts.insert_many(batch, ordered=False)
        await tries.insert_many(attempt_docs, ordered=False)


async def main(attempts: int) -> None:
    with tempfile.TemporaryDirectory(prefix="voxflow-export-bench-") as folder:
        mongo = start_mongo(None, Path(folder))
        try:
            client = await connect_mongo(mongo.url, "bench")
            campaign = await Campaign(tenant_id="bench", name="bench", flow_id="x", state="completed").insert()
            print(f"filling {attempts // 3:,} contacts and {attempts:,} attempts …", flush=True)
            started = time.perf_counter()
            await fill(campaign, attempts)
            print(f"  filled in {time.perf_counter() - started:.0f} s", flush=True)
            before = rss_mb()
            path = Path(folder) / "results.xlsx"
            started = time.perf_counter()
            rows = await write_results(campaign, path, "xlsx")
            seconds = time.perf_counter() - started
            print(f"XLSX export: {rows:,} rows ({attempts:,} attempts + {attempts // 3:,} contacts) in {seconds:.1f} s "
                  f"= {rows / seconds:,.0f} rows/s; file {path.stat().st_size / 2**20:.0f} MB; peak RSS {rss_mb():.0f} MB "
                  f"({before:.0f} MB before the export)", flush=True)
            await client.close()
        finally:
            mongo.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    asyncio.run(main(parser.parse_args().attempts))
