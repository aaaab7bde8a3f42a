"""The ARI adapter: the only module that imports asyncari.

asyncari connects (loading Asterisk's api-docs, which checks that we speak the same ARI) and keeps the
events WebSocket; its per-event object machinery is bypassed — each raw event is routed straight to the
explicit state of its call (:class:`~flow_runtime.telephony.ari_call.AriCall`), and REST requests go
through one pooled HTTP client. That keeps the CPU per call small. After a drop the WebSocket is
reconnected with backoff, and calls are reconciled: those whose channels are gone are ended.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import anyio
import asyncari.client
from asyncswagger11.http_client import ApiKeyAuthenticator, AsynchronousHttpClient
from wsproto.events import CloseConnection, Ping, TextMessage

from flow_runtime.telephony.ari_call import AriCall
from flow_runtime.telephony.ari_http import AriHttpClient
from flow_runtime.telephony.port import CallInfo, TelephonyError

log = logging.getLogger(__name__)

OnCall = Callable[[AriCall, list[str], dict], Awaitable[None]]
MAX_BACKOFF_SECONDS = 30


class _RoutingClient(asyncari.client.Client):
    """asyncari's client, reading its events WebSocket with a plain loop that hands each decoded event to a
    routing function (asyncari's own loop runs a watchdog task and a memory stream per event, and builds
    event objects nobody here uses)."""

    route: Callable[[dict], None]

    async def _run(self, evt: anyio.Event | None = None) -> None:
        ws = await self.swagger.events.eventWebsocket(app=",".join(self._apps))
        self.websockets.add(ws)
        if evt is not None:
            evt.set()
        try:
            async for message in ws:
                if isinstance(message, CloseConnection):
                    break
                if isinstance(message, TextMessage):
                    self.route(json.loads(message.data))
                elif isinstance(message, Ping):
                    await _pong(ws, message)
        except anyio.ClosedResourceError:
            pass  # the connection dropped: the adapter reconnects
        finally:
            self.websockets.discard(ws)
            with anyio.CancelScope(shield=True):
                await ws.close()


async def _pong(ws, ping: Ping) -> None:
    """Answers a keep-alive ping, which asyncwebsockets hands to the reader instead of answering: unanswered,
    a server that pings (uvicorn, proxies) drops the connection after its ping timeout."""
    async with ws._send_lock:
        await ws._sock.send(ws._connection.send(ping.response()))


def _channel_of(event: dict) -> str | None:
    if "channel" in event and isinstance(event["channel"], dict):
        return event["channel"]["id"]
    for key in ("playback", "recording"):
        target = event.get(key, {}).get("target_uri", "")
        if target.startswith("channel:"):
            return target[len("channel:"):]
    if "peer" in event:
        return event["peer"]["id"]
    return None


class AriTelephony:
    def __init__(self, base_url: str, user: str, password: str, app: str, on_call: OnCall, *,
                 formats: str | None = "ulaw,alaw", max_connections: int = 64) -> None:
        self.base_url = base_url.rstrip("/")
        self.app = app
        self._user, self._password = user, password
        self._on_call = on_call
        self._formats = formats
        self._calls: dict[str, AriCall] = {}  # channel id (caller or peer leg) → call
        self._tasks: set[asyncio.Task] = set()
        self._http = AriHttpClient(f"{self.base_url}/ari", user, password, max_connections=max_connections)
        self.connected = asyncio.Event()
        self.reconnects = 0

    @property
    def live_calls(self) -> int:
        return len({id(call) for call in self._calls.values()})

    # --- REST -------------------------------------------------------------------------------------------
    async def _checked(self, method: str, path: str, query: dict[str, Any] | None, json_body: bytes | None = None,
                       allow: tuple[int, ...] = ()) -> bytes:
        params = {k: v for k, v in (query or {}).items() if v is not None}
        reply = await self._http.request(method, path, params, json_body)
        if reply.status >= 400 and reply.status not in allow:
            raise TelephonyError(f"ARI {method} {path}: {reply.status} {reply.body[:200].decode(errors='replace')}")
        return reply.body

    async def rest(self, method: str, path: str, query: dict[str, Any] | None = None) -> Any:
        body = await self._checked(method, path, query)
        return json.loads(body) if body else None

    async def originate(self, *, channel_id: str, endpoint: str, caller_id: str | None, timeout: int,
                        variables: dict[str, str], app_args: list[str],
                        now: Callable[[], float] = time.time) -> AriCall:
        """One request: ``POST /channels`` into this application with our own channel id, registered first,
        because Asterisk may send the channel's Dial events (even its StasisStart) before it answers the
        request. ``formats`` (the trunk's codecs) keeps Asterisk from picking a codec the trunk must
        translate (it chose 192 kHz linear on Local channels without it)."""
        number = endpoint.partition("/")[2].partition("@")[0]
        info = CallInfo(channel_id=channel_id, caller=caller_id or "", dialed=number, args=list(app_args))
        call = AriCall(info, self.rest, self._register_peer, self.app, self._formats)
        call.begin_origination(now)
        self._calls[channel_id] = call
        query = {"endpoint": endpoint, "app": self.app, "appArgs": ",".join(app_args), "timeout": timeout,
                 "channelId": channel_id, "callerId": caller_id or None, "formats": self._formats}
        body = json.dumps({"variables": variables}).encode() if variables else None
        try:
            await self._checked("POST", "/channels", query, body)
        except TelephonyError as exc:
            self._calls.pop(channel_id, None)
            call.origination_failed(str(exc))
        return call

    async def hangup_channel(self, channel_id: str) -> None:
        await self._checked("DELETE", f"/channels/{channel_id}", {"reason": "normal"}, allow=(404,))

    async def download(self, path: str) -> bytes:
        return await self._checked("GET", path, None)

    # --- events -----------------------------------------------------------------------------------------
    def _route(self, event: dict) -> None:
        channel_id = _channel_of(event)
        call = self._calls.get(channel_id) if channel_id else None
        if event["type"] == "StasisStart" and call is None:
            self._start_call(event)
            return
        if call is None:
            return  # nobody waits for it: no work spent
        call.on_event(event)
        if event["type"] == "ChannelDestroyed":
            self._calls.pop(channel_id, None)

    def _register_peer(self, peer_id: str, call: AriCall) -> None:
        self._calls[peer_id] = call

    def _start_call(self, event: dict) -> None:
        channel = event["channel"]
        info = CallInfo(channel_id=channel["id"], caller=channel.get("caller", {}).get("number", ""),
                        caller_name=channel.get("caller", {}).get("name", ""),
                        dialed=channel.get("dialplan", {}).get("exten", ""), args=list(event.get("args") or []))
        call = AriCall(info, self.rest, self._register_peer, self.app, self._formats)
        self._calls[info.channel_id] = call
        task = asyncio.create_task(self._run_call(call, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_call(self, call: AriCall, event: dict) -> None:
        try:
            await self._on_call(call, call.info.args, event)
        except Exception:
            log.exception("call %s failed", call.info.channel_id)
            await call.hangup()
        finally:
            if call.hung_up:
                self._calls.pop(call.info.channel_id, None)

    # --- connection ---------------------------------------------------------------------------------------
    async def _connect_once(self) -> None:
        host = urlsplit(self.base_url).hostname or ""
        http_client = AsynchronousHttpClient(auth=ApiKeyAuthenticator(host, f"{self._user}:{self._password}"))
        try:
            async with anyio.create_task_group() as group:
                client = _RoutingClient(group, self.base_url + "/", self.app, http_client)
                client.route = self._route
                async with client:
                    self.connected.set()
                    await self._reconcile()
                    while client.websockets:  # the reader task ends when the socket closes
                        await anyio.sleep(0.2)
                group.cancel_scope.cancel()
        finally:
            self.connected.clear()
            await http_client.close()

    async def _reconcile(self) -> None:
        """After a (re)connect: calls whose channels no longer exist are ended as hung up."""
        if not self._calls:
            return
        live = {channel["id"] for channel in await self.rest("GET", "/channels") or []}
        for channel_id, call in list(self._calls.items()):
            if channel_id not in live and channel_id == call.info.channel_id:
                log.info("channel %s vanished while disconnected; ending its call", channel_id)
                call.on_event({"type": "ChannelDestroyed", "channel": {"id": channel_id}, "cause": 0})
                self._calls.pop(channel_id, None)

    async def run(self, stop: asyncio.Event) -> None:
        """Stays connected until ``stop`` is set, reconnecting with exponential backoff and jitter."""
        backoff = 0.5
        while not stop.is_set():
            try:
                connection = asyncio.create_task(self._connect_once())
                stopper = asyncio.create_task(stop.wait())
                await asyncio.wait({connection, stopper}, return_when=asyncio.FIRST_COMPLETED)
                stopper.cancel()
                if not connection.done():
                    connection.cancel()
                    await asyncio.gather(connection, return_exceptions=True)
                    break
                connection.result()
                backoff = 0.5
                log.warning("ARI events connection closed; reconnecting")
            except Exception as exc:  # noqa: BLE001 - any failure to connect means: wait and retry
                log.warning("ARI connection failed (%s); retrying in %.1f s", exc, backoff)
            self.reconnects += 1
            try:
                await asyncio.wait_for(stop.wait(), backoff * (1 + random.random() / 4))
            except TimeoutError:
                pass
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._http.close()
