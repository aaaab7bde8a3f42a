"""Delivery of ARI events to the Stasis applications connected on /ari/events."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import msgspec

from .clock import ari_timestamp
from .model import Bridge, Channel

EventObserver = Callable[[dict, Channel | None, Bridge | None], None]


def make_event(event_type: str, **fields) -> dict:
    return {"type": event_type, "timestamp": ari_timestamp(), **fields}


def subscribe(target: Channel | Bridge, app: str) -> None:
    target.app_interest[app] += 1


def unsubscribe(target: Channel | Bridge, app: str) -> None:
    remaining = target.app_interest[app] - 1
    if remaining > 0:
        target.app_interest[app] = remaining
    else:
        del target.app_interest[app]


class AppConnection:
    """One events WebSocket: the applications it registered and the text frames waiting to be sent."""

    def __init__(self, apps: list[str], subscribe_all: bool) -> None:
        self.apps = tuple(apps)
        self.subscribe_all = subscribe_all
        self.outbox: asyncio.Queue[str] = asyncio.Queue()
        # Events are encoded once for all subscribers; only this tail differs per application.
        self._tails = {app: b',"application":' + msgspec.json.encode(app) + b"}" for app in self.apps}

    def deliver(self, app: str, encoded_event: bytes) -> None:
        self.outbox.put_nowait((encoded_event[:-1] + self._tails[app]).decode())


class EventHub:
    def __init__(self, asterisk_id: str) -> None:
        self.asterisk_id = asterisk_id
        self._connections: dict[str, AppConnection] = {}
        self._subscribed_to_all: dict[str, AppConnection] = {}
        self.known_apps: set[str] = set()  # Asterisk keeps an application registered after it disconnects
        self.observers: list[EventObserver] = []

    def register(self, connection: AppConnection) -> None:
        for app in connection.apps:
            previous = self._connections.get(app)
            if previous is not None:
                # Only one WebSocket may serve an application: the newer one wins, as in Asterisk.
                previous.deliver(app, self._encode(make_event("ApplicationReplaced")))
            self._connections[app] = connection
            if connection.subscribe_all:
                self._subscribed_to_all[app] = connection
            else:
                self._subscribed_to_all.pop(app, None)
            self.known_apps.add(app)

    def unregister(self, connection: AppConnection) -> None:
        for app in connection.apps:
            if self._connections.get(app) is connection:
                del self._connections[app]
                self._subscribed_to_all.pop(app, None)

    def is_connected(self, app: str) -> bool:
        return app in self._connections

    def connected_apps(self) -> list[str]:
        return sorted(self._connections)

    def publish(self, event: dict, *, channel: Channel | None = None, bridge: Bridge | None = None,
                to_app: str | None = None) -> None:
        """Hand ``event`` to the apps subscribed to ``channel`` or ``bridge``, to ``to_app`` (StasisStart and
        StasisEnd go to their application directly) and to every app that subscribed to everything."""
        for observer in self.observers:
            observer(event, channel, bridge)
        apps = set(self._subscribed_to_all)
        if channel is not None:
            apps.update(channel.app_interest)
        if bridge is not None:
            apps.update(bridge.app_interest)
        if to_app is not None:
            apps.add(to_app)
        targets = [(app, self._connections[app]) for app in apps if app in self._connections]
        if targets:
            encoded = self._encode(event)
            for app, connection in targets:
                connection.deliver(app, encoded)

    def _encode(self, event: dict) -> bytes:
        event["asterisk_id"] = self.asterisk_id
        return msgspec.json.encode(event)
