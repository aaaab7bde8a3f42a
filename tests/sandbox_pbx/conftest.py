"""Sandbox PBX test helpers: a running sandbox, an ARI client, and an events WebSocket that records."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import websockets

from flow_runtime.sandbox_pbx import RunningSandbox, run_sandbox_pbx

PASSWORD = "sandbox-secret"
REPO_ROOT = Path(__file__).resolve().parents[2]
# Reference data recorded from / published by Asterisk 22.10.1; absent in some checkouts (tests skip then).
SHARED = REPO_ROOT.parent / "shared"


def concerns(event: dict, channel_id: str) -> bool:
    """Whether ``event`` is about ``channel_id``: its channel, the peer it dials, or what it plays/records."""
    if event.get("channel", {}).get("id") == channel_id or event.get("peer", {}).get("id") == channel_id:
        return True
    media = event.get("playback") or event.get("recording") or {}
    return media.get("target_uri") == f"channel:{channel_id}"


class EventStream:
    """Everything an application receives on /ari/events, kept in order."""

    def __init__(self, socket) -> None:
        self.events: list[dict] = []
        self._socket = socket
        self._arrived = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):  # e.g. the sandbox stopped first
            async for frame in self._socket:
                async with self._arrived:
                    self.events.append(json.loads(frame))
                    self._arrived.notify_all()

    async def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 5.0) -> dict:
        async def first_match() -> dict:
            async with self._arrived:
                while True:
                    match = next((event for event in self.events if predicate(event)), None)
                    if match is not None:
                        return match
                    await self._arrived.wait()
        return await asyncio.wait_for(first_match(), timeout)

    async def wait_for_type(self, event_type: str, channel_id: str | None = None, **fields) -> dict:
        return await self.wait_for(lambda event: event["type"] == event_type
                                   and (channel_id is None or concerns(event, channel_id))
                                   and all(event.get(key) == value for key, value in fields.items()))

    def about(self, channel_id: str) -> list[dict]:
        return [event for event in self.events if concerns(event, channel_id)]

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
        await self._socket.close()


@contextlib.asynccontextmanager
async def sandbox_running(**settings):
    async with run_sandbox_pbx(port=0, password=PASSWORD, **settings) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
async def sandbox(tmp_path_factory) -> RunningSandbox:
    async with sandbox_running(time_scale=0.02, recordings_dir=tmp_path_factory.mktemp("recordings")) as running:
        yield running


@pytest.fixture
async def control(sandbox):
    async with sandbox.control() as client:
        yield client
        await client.reset()


@pytest.fixture
async def ari(sandbox):
    async with httpx.AsyncClient(base_url=sandbox.ari_url, auth=(sandbox.config.user, PASSWORD)) as client:
        yield client


@pytest.fixture
async def listen(sandbox):
    """``stream = await listen("app")`` connects an application's events WebSocket for this test."""
    streams: list[EventStream] = []

    async def connect(app: str, running: RunningSandbox | None = None) -> EventStream:
        running = running or sandbox
        url = (f"{running.base_url.replace('http', 'ws', 1)}ari/events?app={app}"
               f"&api_key={running.config.user}:{PASSWORD}")
        stream = EventStream(await websockets.connect(url))
        streams.append(stream)
        return stream

    yield connect
    for stream in streams:
        await stream.close()
