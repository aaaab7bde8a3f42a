"""The events WebSocket is kept alive with pings (as uvicorn, and proxies in front of Asterisk, do); the
runtime's ARI adapter answers them, so its connection is not dropped after the ping timeout."""

from __future__ import annotations

import asyncio

from flow_runtime.telephony.ari_adapter import AriTelephony
from tests.sandbox_pbx.conftest import PASSWORD, sandbox_running


async def test_the_adapter_answers_keepalive_pings(tmp_path):
    async with sandbox_running(ws_ping_interval=0.1, ws_ping_timeout=0.2, recordings_dir=tmp_path) as sandbox:
        async def no_calls(*_):
            pass
        telephony = AriTelephony(sandbox.base_url, sandbox.config.user, PASSWORD, "keepalive", no_calls)
        stop = asyncio.Event()
        running = asyncio.create_task(telephony.run(stop))
        try:
            await asyncio.wait_for(telephony.connected.wait(), 10)
            await asyncio.sleep(1.5)  # a dozen pings
            assert telephony.connected.is_set() and telephony.reconnects == 0
            assert sandbox.pbx.events.connected_apps() == ["keepalive"]
        finally:
            stop.set()
            await running
            await telephony.close()
