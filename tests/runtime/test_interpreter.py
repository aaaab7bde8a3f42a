"""The interpreter's guards, on a minimal in-memory channel: the step limit stops a flow that loops
forever, the maximum duration ends an overlong call, and both leave the channel hung up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from flow_runtime.context import CallContext, TenantInfo
from flow_runtime.graph import FlowGraph
from flow_runtime.interpreter import EndReason, Interpreter, PreparedGraph
from flow_runtime.telephony.port import CallInfo, PlayResult
from tests.flows.graphs import edge, node


class MemoryChannel:
    """Plays instantly (or slowly), remembers what it played and whether it was hung up."""

    def __init__(self, play_seconds: float = 0.0) -> None:
        self.info = CallInfo("memory-1", "79160000000", "100")
        self.played: list[list[str]] = []
        self.hung_up = False
        self.play_seconds = play_seconds

    async def answer(self) -> None:
        pass

    async def play(self, media, *, barge_in=False):
        self.played.append(media)
        await asyncio.sleep(self.play_seconds)
        return PlayResult()

    async def hangup(self, cause="normal"):
        self.hung_up = True


class Services:
    def now(self):
        return datetime.now(UTC)

    def audio_media(self, tenant_id, audio_id):
        return f"sound:{audio_id}"

    async def speak(self, text, language, voice):
        return f"tts:{text}"


LOOP = FlowGraph.model_validate({
    "nodes": [node("start", "start", trigger="inbound_number"),
              node("again", "play", prompt={"items": [{"kind": "audio", "audio_id": "beep"}]})],
    "edges": [edge("start", "next", "again"), edge("again", "done", "again")]})


def context(channel) -> CallContext:
    return CallContext(call_id="c1", channel=channel, tenant=TenantInfo("t", "t", "T", "UTC", "ru"),
                       services=Services(), variables={"call": {}, "flow": {}})


async def test_step_limit_stops_an_endless_loop_and_hangs_up():
    channel = MemoryChannel()
    reason = await Interpreter(max_steps=25).run(PreparedGraph(LOOP), ctx := context(channel))
    assert reason == EndReason.step_limit and channel.hung_up
    assert len(channel.played) == 24 and len(ctx.trace) == 25


async def test_maximum_duration_ends_the_call():
    channel = MemoryChannel(play_seconds=0.05)
    reason = await Interpreter(max_duration_seconds=0.3).run(PreparedGraph(LOOP), context(channel))
    assert reason == EndReason.max_duration and channel.hung_up
    assert 3 <= len(channel.played) <= 8
