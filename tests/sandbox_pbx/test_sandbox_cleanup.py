"""However a call ends, nothing stays behind: /sandbox/state counts no live channels, playbacks or
recordings, and the application sees Asterisk's order of events on the way out."""

from __future__ import annotations

import pytest

APP = "cleanup"


async def assert_nothing_live(control) -> None:
    state = await control.state()
    assert (state["channels"], state["bridges"], state["playbacks"], state["recordings"]) == (0, 0, 0, 0), state


async def answered_call(control, ari, events) -> str:
    channel_id = await control.place_call("100", "200", app=APP)
    await events.wait_for_type("StasisStart", channel_id)
    assert (await ari.post(f"/channels/{channel_id}/answer")).status_code == 204
    return channel_id


def types_from(events, channel_id: str, first: str) -> list[str]:
    types = [event["type"] for event in events.about(channel_id)]
    return types[types.index(first):]


@pytest.mark.parametrize("by_caller", [False, True], ids=["application-hangs-up", "caller-hangs-up"])
async def test_hangup_during_playback(control, ari, listen, by_caller):
    events = await listen(APP)
    await control.register_media("sound:long-prompt", duration_seconds=600)
    channel_id = await answered_call(control, ari, events)
    await ari.post(f"/channels/{channel_id}/play", params={"media": "sound:long-prompt"})
    await ari.post(f"/channels/{channel_id}/play", params={"media": "sound:queued-prompt"})
    await events.wait_for_type("PlaybackStarted", channel_id)
    if by_caller:
        await control.hang_up(channel_id, cause=16)
    else:
        assert (await ari.delete(f"/channels/{channel_id}", params={"reason": "normal"})).status_code == 204
    finished = await events.wait_for_type("PlaybackFinished", channel_id)
    await events.wait_for_type("StasisEnd", channel_id)
    # Asterisk 22 reports a prompt cut short by a hangup as failed; the queued one never starts.
    assert finished["playback"]["state"] == "failed"
    assert finished["playback"]["media_uri"] == "sound:long-prompt"
    assert types_from(events, channel_id, "ChannelHangupRequest") == [
        "ChannelHangupRequest", "PlaybackFinished", "StasisEnd"]
    await assert_nothing_live(control)


async def test_hangup_during_recording_keeps_what_was_recorded(control, ari, listen):
    events = await listen(APP)
    channel_id = await answered_call(control, ari, events)
    await ari.post(f"/channels/{channel_id}/record", params={"name": "cut-short", "format": "wav"})
    await events.wait_for_type("RecordingStarted", channel_id)
    await control.hang_up(channel_id)
    finished = await events.wait_for_type("RecordingFinished", channel_id)
    assert finished["recording"]["state"] == "done" and isinstance(finished["recording"]["duration"], int)
    assert (await ari.get("/recordings/stored/cut-short")).json() == {"name": "cut-short", "format": "wav"}
    await assert_nothing_live(control)


async def test_hangup_in_a_bridge(control, ari, listen):
    events = await listen(APP)
    first, second = [await answered_call(control, ari, events) for _ in range(2)]
    bridge = (await ari.post("/bridges", params={"type": "mixing"})).json()
    await ari.post(f"/bridges/{bridge['id']}/addChannel", params={"channel": f"{first},{second}"})
    await ari.post(f"/bridges/{bridge['id']}/play", params={"media": "sound:announcement"})
    await events.wait_for(lambda event: event["type"] == "PlaybackStarted"
                          and event["playback"]["target_uri"] == f"bridge:{bridge['id']}")

    await control.hang_up(first)
    left = await events.wait_for_type("ChannelLeftBridge", first)
    assert left["bridge"]["channels"] == [second]
    await events.wait_for_type("StasisEnd", first)
    # The one left alone no longer has a peer.
    await events.wait_for_type("ChannelVarset", second, variable="BRIDGEPEER", value="")
    assert (await ari.get(f"/bridges/{bridge['id']}")).json()["channels"] == [second]

    await ari.delete(f"/channels/{second}")
    await events.wait_for_type("StasisEnd", second)
    # A Stasis bridge outlives its channels until the application destroys it, as in Asterisk.
    assert (await control.state())["bridges"] == 1
    assert (await ari.delete(f"/bridges/{bridge['id']}")).status_code == 204
    await assert_nothing_live(control)


async def test_reset_ends_everything_the_application_can_see(control, ari, listen):
    events = await listen(APP)
    channel_id = await answered_call(control, ari, events)
    await ari.post(f"/channels/{channel_id}/play", params={"media": "tone:ring"})  # plays until stopped
    await ari.post("/bridges")
    await control.reset()
    await events.wait_for_type("StasisEnd", channel_id)
    await assert_nothing_live(control)
    assert (await control.calls()) == {"live": [], "ended": []}
