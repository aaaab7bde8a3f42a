"""The simulator's live transcript WebSocket, through a real HTTP server: entries of the tenant's own
test call arrive as they happen; another tenant's connection is refused."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from backend.security.sessions import SESSION_COOKIE
from tests.runtime.test_calls_end_to_end import menu_flow


async def next_entry(socket, event: str) -> dict:
    async with asyncio.timeout(10):
        while True:
            entry = json.loads(await socket.recv())
            if entry["event"] == event:
                return entry


async def test_live_transcript_reaches_the_owner_only(served, make_tenant, runtime):
    a, b = await make_tenant(), await make_tenant()
    flow = (await a.admin.post("/api/flows", json={"name": "WS", "graph": menu_flow()})).json()
    channel = (await a.admin.post("/api/simulator/calls", json={"flow_id": flow["id"]})).json()["channel_id"]
    url = f"ws://{served}/api/simulator/calls/{channel}/events"
    cookie = {"Cookie": f"{SESSION_COOKIE}={a.admin.http.cookies[SESSION_COOKIE]}"}
    async with websockets.connect(url, additional_headers=cookie) as socket:
        # The socket may open after the first prompt started (the sandbox runs 20x fast); the call then
        # waits seconds in the menu (real time), so some prompt of this flow is always seen.
        started = await next_entry(socket, "PlaybackStarted")
        assert started["text"] in ("Для подтверждения нажмите 1, для отказа 2.", "Мы не услышали ответа.")
        await a.admin.post(f"/api/simulator/calls/{channel}/dtmf", json={"digits": "1"})
        assert (await next_entry(socket, "ChannelDtmfReceived"))["digit"] == "1"
    foreign = {"Cookie": f"{SESSION_COOKIE}={b.admin.http.cookies[SESSION_COOKIE]}"}
    with pytest.raises(websockets.InvalidStatus):
        async with websockets.connect(url, additional_headers=foreign) as socket:
            await socket.recv()
