"""The IVR scenario against a real Asterisk 20/22 configured with asterisk-templates/ (see
docs/asterisk.md). Runs only when VOXFLOW_TEST_ARI_URL (with _USER and _PASSWORD) is set; CI has no Asterisk.

A call is made by originating a Local channel into the `voxflow-inbound` context, whose dialplan hands it
to the runtime's Stasis app exactly like a call from a trunk; the test plays the caller on the other half
of the Local channel (sending DTMF there)."""

from __future__ import annotations

import asyncio
import os

import httpx
import pytest
from pydantic import SecretStr

from flow_runtime.call_records import CallRecord
from flow_runtime.process import running_runtime
from tests.runtime.conftest import publish_on_number, wait_until
from tests.runtime.test_calls_end_to_end import menu_flow

ARI_URL = os.environ.get("VOXFLOW_TEST_ARI_URL")
pytestmark = [pytest.mark.asterisk,
              pytest.mark.skipif(not ARI_URL, reason="set VOXFLOW_TEST_ARI_URL to run against a real Asterisk")]


async def test_menu_call_through_real_asterisk(app, settings, make_tenant):
    user, password = os.environ["VOXFLOW_TEST_ARI_USER"], os.environ["VOXFLOW_TEST_ARI_PASSWORD"]
    runtime_settings = settings.model_copy(update={"ari_url": ARI_URL, "ari_user": user,
                                                   "ari_password": SecretStr(password)})
    tenant = await make_tenant()
    _, number = await publish_on_number(tenant, menu_flow())
    async with running_runtime(runtime_settings, connect_database=False), \
            httpx.AsyncClient(base_url=f"{ARI_URL}/ari", auth=(user, password)) as ari:
        caller = (await ari.post("/channels", params={
            "endpoint": f"Local/{number.lstrip('+')}@voxflow-inbound", "app": "voxflow-test-caller",
            "callerId": "79161234567", "formats": "ulaw"})).json()
        await asyncio.sleep(3)  # the prompt starts
        await ari.post(f"/channels/{caller['id']};2/dtmf", params={"dtmf": "1"})
        record = await wait_until(lambda: _record_for(number), timeout=30)
        assert record.trace[2].output == "1" and record.result["outcome"] == "confirmed"


async def _record_for(number: str):
    return await CallRecord.find_one({"dialed": {"$in": [number, number.lstrip("+")]}})
