"""The two event streams: ARI's /ari/events and the sandbox's transcript stream /sandbox/events."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Annotated

from litestar import WebSocket, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.params import FromQuery

from ..events import AppConnection
from ..transcript import TranscriptStream
from .common import Pbx, query, split_multiple


async def relay(socket: WebSocket, outbox: asyncio.Queue[str]) -> None:
    """Send what arrives in ``outbox`` as text frames until the client disconnects."""

    async def send_all() -> None:
        while True:
            await socket.send_data(await outbox.get())

    sender = asyncio.create_task(send_all())
    try:
        while True:  # clients send nothing we need; reading is how a disconnect is noticed
            await socket.receive_data("text")
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        # A send that failed because the client went away needs no report: the disconnect says it all.
        with suppress(asyncio.CancelledError, WebSocketDisconnect, OSError):
            await sender


@websocket("/ari/events")
async def ari_events(socket: WebSocket, pbx: Pbx, app: FromQuery[list[str]],
                     subscribe_all: Annotated[bool, query("subscribeAll")] = False) -> None:
    connection = AppConnection(split_multiple(app), subscribe_all)
    await socket.accept()
    pbx.events.register(connection)
    try:
        await relay(socket, connection.outbox)
    finally:
        pbx.events.unregister(connection)


@websocket("/sandbox/events")
async def transcript_events(socket: WebSocket, pbx: Pbx, channel_id: FromQuery[str | None] = None) -> None:
    stream = TranscriptStream(channel_id)
    await socket.accept()
    pbx.calls.streams.add(stream)
    try:
        await relay(socket, stream.outbox)
    finally:
        pbx.calls.streams.discard(stream)
