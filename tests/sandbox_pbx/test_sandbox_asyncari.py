"""The Voxflow runtime's ARI library, asyncari, drives a whole call against the sandbox."""

from __future__ import annotations

import io
import wave

import anyio
import asyncari

from tests.sandbox_pbx.conftest import PASSWORD

APP = "voxflow-e2e"
GREETING = "sound:voxflow/tts/greeting-42"


async def next_event(stream, event_type: str):
    with anyio.fail_after(5):
        while True:
            message = await stream.__anext__()
            if message.type == event_type:
                return message


def transcript_outline(call: dict) -> list[tuple]:
    outline = []
    for entry in call["transcript"]:
        if entry["event"] == "ChannelVarset" and entry["variable"] == "STASISSTATUS":
            continue  # Asterisk's bookkeeping, not something the caller experienced
        detail = entry.get("text") or entry.get("digit") or entry.get("state") or entry.get("value")
        outline.append((entry["event"], detail) if detail is not None else (entry["event"],))
    return outline


async def test_a_call_through_asyncari(sandbox, control, ari):
    await control.register_media(GREETING, duration_seconds=1.5, text="Welcome to Voxflow")
    async with asyncari.connect(sandbox.base_url, APP, sandbox.config.user, PASSWORD) as client:
        events = client.__aiter__()
        channel_id = await control.place_call("7000", "79161234567", caller_name="Test Caller", app=APP,
                                              args=["flow-42"])

        start = await next_event(events, "StasisStart")
        channel = start.channel
        assert start.args == ["flow-42"] and channel.id == channel_id and channel.state == "Ring"
        assert channel.caller == {"name": "Test Caller", "number": "79161234567"}
        assert channel.dialplan["exten"] == "7000" and channel.dialplan["app_data"] == f"{APP},flow-42"

        await channel.answer()
        playback = await channel.play(media=GREETING)
        finished = await next_event(events, "PlaybackFinished")
        assert finished.playback.id == playback.id and finished.playback.json["state"] == "done"

        await control.press(channel_id, "7")
        assert (await next_event(events, "ChannelDtmfReceived")).digit == "7"

        await channel.setChannelVar(variable="CHOICE", value="7")
        assert await channel.getChannelVar(variable="CHOICE") == {"value": "7"}
        assert await channel.getChannelVar(variable="CALLERID(num)") == {"value": "79161234567"}

        await channel.record(name=f"message-{channel_id}", format="wav", maxDurationSeconds=2)
        recorded = await next_event(events, "RecordingFinished")
        assert recorded.recording.json["duration"] == 2

        await channel.hangup()
        await next_event(events, "StasisEnd")

    audio = await ari.get(f"/recordings/stored/message-{channel_id}/file")
    with wave.open(io.BytesIO(audio.content)) as wav:
        assert wav.getnframes() / wav.getframerate() == 2.0

    call = await control.call(channel_id)
    assert not call["live"] and call["cause"] == 16 and call["direction"] == "inbound"
    assert transcript_outline(call) == [
        ("CallPlaced",), ("StasisStart",), ("ChannelStateChange", "Up"),
        ("PlaybackStarted", "Welcome to Voxflow"), ("PlaybackFinished", "done"), ("ChannelDtmfReceived", "7"),
        ("ChannelVarset", "7"), ("RecordingStarted", "recording"), ("RecordingFinished", "done"),
        ("ChannelHangupRequest",), ("StasisEnd",), ("ChannelDestroyed",)]
    state = await control.state()
    assert (state["channels"], state["playbacks"], state["recordings"]) == (0, 0, 0)
