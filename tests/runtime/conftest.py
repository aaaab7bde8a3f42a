"""A sandbox PBX and a runtime connected to it through the real asyncari adapter, sharing the test
database and Redis with the API, plus helpers to publish a flow on a number and follow a call."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import unique

@pytest.fixture
async def control(sandbox):
    async with sandbox.control() as client:
        yield client


async def publish_on_number(tenant, graph: dict) -> tuple[str, str]:
    """Creates and publishes a flow, binds a fresh DID to it; returns (flow id, number)."""
    flow = await tenant.admin.post("/api/flows", json={"name": unique("runtime-flow-"), "graph": graph})
    assert flow.status_code == 201, flow.text
    published = await tenant.admin.post(f"/api/flows/{flow.json()['id']}/publish", json={})
    assert published.status_code == 201, published.text
    number = f"+7495{int(unique('')) % 10_000_000:07d}"
    bound = await tenant.admin.post("/api/numbers", json={"number": number, "flow_id": flow.json()["id"]})
    assert bound.status_code == 201, bound.text
    return flow.json()["id"], number


async def wait_until(check, timeout: float = 10.0, interval: float = 0.05):
    """Polls ``check`` (async, returning a value or None) until it gives a value."""
    async with asyncio.timeout(timeout):
        while True:
            value = await check()
            if value:
                return value
            await asyncio.sleep(interval)


async def place(control, number: str, caller: str = "79161234567") -> str:
    return await control.place_call(number, caller, args=["inbound", number, caller])


async def played_texts(control, channel_id: str) -> list[str]:
    call = await control.call(channel_id)
    return [e.get("text") or e.get("media_uri") for e in call["transcript"] if e["event"] == "PlaybackStarted"]


async def ended(control, channel_id: str) -> dict | None:
    call = await control.call(channel_id)
    return call if not call["live"] else None
