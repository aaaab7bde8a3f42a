"""Bridges created through ARI (always Stasis bridges, as POST /bridges makes them).

An application hears about a bridge while one of its channels is in it: its app subscribes to the
bridge when the channel enters and unsubscribes when it leaves. That is why, in the recording, an
application sees neither BridgeCreated nor BridgeDestroyed (only subscribeAll connections do)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from .clock import ari_timestamp
from .errors import AriError, lookup
from .events import make_event, subscribe, unsubscribe
from .model import Bridge, Channel, LiveRecording

if TYPE_CHECKING:
    from .pbx import SandboxPbx

BRIDGE_PEER = "BRIDGEPEER"


class Bridging:
    def __init__(self, pbx: SandboxPbx) -> None:
        self.pbx = pbx

    def bridge(self, bridge_id: str) -> Bridge:
        return lookup(self.pbx.bridges, bridge_id, "Bridge not found")

    def create(self, bridge_id: str | None, bridge_type: str | None, name: str | None) -> Bridge:
        bridge_id = bridge_id or str(uuid.uuid4())
        if bridge_id in self.pbx.bridges:
            raise AriError(409, f"Bridge with id '{bridge_id}' already exists")
        # `type` is a comma-separated list of features; only holding vs mixing changes what the sandbox does.
        features = (bridge_type or "mixing").split(",")
        bridge = Bridge(bridge_id, "holding" if "holding" in features else "mixing", name or "", ari_timestamp())
        self.pbx.bridges[bridge_id] = bridge
        self.pbx.events.publish(make_event("BridgeCreated", bridge=bridge.to_ari()), bridge=bridge)
        return bridge

    def channels_to_add(self, channel_ids: list[str]) -> list[Channel]:
        """Checks every channel before any moves, with addChannel's errors (res/ari/resource_bridges.c)."""
        channels = []
        for channel_id in channel_ids:
            channel = self._named_channel(channel_id)
            if channel.stasis_app is None:
                raise AriError(422, "Channel not in Stasis application")
            if channel.media and isinstance(channel.media[0], LiveRecording):
                raise AriError(409, f"Channel {channel_id} currently recording")
            channels.append(channel)
        return channels

    def members_to_remove(self, bridge: Bridge, channel_ids: list[str]) -> list[Channel]:
        members = []
        for channel_id in channel_ids:
            channel = self._named_channel(channel_id)
            if channel.bridge is not bridge:
                raise AriError(422, "Channel not in this bridge")
            members.append(channel)
        return members

    def _named_channel(self, channel_id: str) -> Channel:
        # A bridge operation names a missing channel as a bad request, not a missing resource.
        return lookup(self.pbx.channels, channel_id, "Channel not found", status=400)

    def add(self, bridge: Bridge, channels: list[Channel]) -> None:
        for channel in channels:
            if channel.bridge is bridge:
                continue
            if channel.bridge is not None:
                self.remove(channel.bridge, [channel])
            bridge.channels.append(channel)
            channel.bridge = bridge
            subscribe(bridge, channel.stasis_app)
            self.pbx.events.publish(make_event("ChannelEnteredBridge", bridge=bridge.to_ari(),
                                               channel=channel.to_ari()), channel=channel, bridge=bridge)
            self._update_peers(bridge, leaving=())

    def remove(self, bridge: Bridge, channels: list[Channel]) -> None:
        """Channels leave; as in the recording, BRIDGEPEER is updated first, then each leaves (last in,
        first out) with the bridge as it is after its departure."""
        leaving = [channel for channel in bridge.channels if channel in channels]
        self._update_peers(bridge, leaving)
        for channel in reversed(leaving):
            bridge.channels.remove(channel)
            channel.bridge = None
            self.pbx.events.publish(make_event("ChannelLeftBridge", bridge=bridge.to_ari(),
                                               channel=channel.to_ari()), channel=channel, bridge=bridge)
            if channel.stasis_app in bridge.app_interest:
                unsubscribe(bridge, channel.stasis_app)

    def destroy(self, bridge: Bridge) -> None:
        self.pbx.player.abort(bridge)
        self.remove(bridge, list(bridge.channels))
        self.pbx.events.publish(make_event("BridgeDestroyed", bridge=bridge.to_ari()), bridge=bridge)
        del self.pbx.bridges[bridge.id]

    def _update_peers(self, bridge: Bridge, leaving: list[Channel] | tuple) -> None:
        """BRIDGEPEER: the names of the other channels, empty for one alone or on its way out."""
        staying = [channel for channel in bridge.channels if channel not in leaving]
        for channel in bridge.channels:
            peers = "" if channel in leaving else ",".join(other.name for other in staying if other is not channel)
            if channel.variables.get(BRIDGE_PEER, "") != peers:
                self.pbx.set_variable(channel, BRIDGE_PEER, peers)
