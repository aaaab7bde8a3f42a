"""ARI behaviours beyond a plain call (playback control, recordings, bridges, errors, authentication) and
the control API's own contract."""

from __future__ import annotations

import json

import httpx
import pytest
import websockets

from tests.sandbox_pbx.conftest import PASSWORD, sandbox_running
from flow_runtime.sandbox_pbx.__main__ import parse_config

APP = "api"


@pytest.fixture
async def call(control, ari, listen):
    """An answered inbound call in APP: (events, channel_id)."""
    events = await listen(APP)
    channel_id = await control.place_call("100", "79001112233", app=APP)
    await events.wait_for_type("StasisStart", channel_id)
    await ari.post(f"/channels/{channel_id}/answer")
    return events, channel_id


def playback_events(events, channel_id: str) -> list[tuple[str, str, str]]:
    return [(event["type"], event["playback"]["media_uri"], event["playback"]["state"])
            for event in events.about(channel_id) if "playback" in event]


async def test_credentials_are_required(sandbox):
    async with httpx.AsyncClient(base_url=sandbox.ari_url) as anonymous:
        refused = await anonymous.get("/channels")
        assert refused.status_code == 401 and refused.json() == {"message": "Authentication required"}
        assert refused.headers["www-authenticate"].startswith("Basic")
        by_key = await anonymous.get("/channels", params={"api_key": f"{sandbox.config.user}:{PASSWORD}"})
        assert by_key.status_code == 200
    with pytest.raises(websockets.InvalidStatus):
        await websockets.connect(f"{sandbox.base_url.replace('http', 'ws', 1)}ari/events?app=x")


async def test_errors_are_asterisks(ari, control, listen):
    await listen(APP)
    assert (await ari.get("/channels/missing")).json() == {"message": "Channel not found"}
    assert (await ari.get("/no/such/thing")).json() == {"message": "Resource not found"}
    await control.set_outcomes([{"outcome": "no_answer"}])
    ringing = (await ari.post("/channels", params={"endpoint": "PJSIP/1@t", "app": APP})).json()["id"]
    refused = await ari.post(f"/channels/{ringing}/play", params={"media": "sound:x"})
    assert refused.status_code == 409 and refused.json() == {"message": "Channel not in Stasis application"}
    assert (await ari.delete(f"/channels/{ringing}", params={"reason": "bogus"})).status_code == 400
    missing = await ari.post(f"/channels/{ringing}/play")
    assert missing.status_code == 400 and "media" in missing.json()["message"]


async def test_playback_control_and_queueing(call, ari, control):
    events, channel_id = call
    await control.register_media("sound:menu", duration_seconds=600)
    playing = (await ari.post(f"/channels/{channel_id}/play/first", params={"media": "sound:menu"})).json()
    queued = (await ari.post(f"/channels/{channel_id}/play", params={"media": "sound:later"})).json()
    assert (playing["state"], queued["state"]) == ("playing", "queued")
    assert (await ari.post(f"/playbacks/{queued['id']}/control", params={"operation": "pause"})).status_code == 409
    for operation in ("pause", "unpause"):
        assert (await ari.post("/playbacks/first/control", params={"operation": operation})).status_code == 204
    assert (await ari.delete(f"/playbacks/{queued['id']}")).status_code == 204
    assert (await ari.delete("/playbacks/first")).status_code == 204
    assert (await ari.get("/playbacks/first")).status_code == 404
    assert playback_events(events, channel_id) == [
        ("PlaybackStarted", "sound:menu", "playing"),
        ("PlaybackStarted", "sound:menu", "playing"),  # unpause, as Asterisk publishes it
        ("PlaybackFinished", "sound:later", "done"),  # stopped while queued: finished without starting
        ("PlaybackFinished", "sound:menu", "done")]


async def test_several_media_in_one_playback(call, ari):
    events, channel_id = call
    await ari.post(f"/channels/{channel_id}/play", params={"media": "digits:12,sound:after"})
    await events.wait_for_type("PlaybackFinished", channel_id)
    assert playback_events(events, channel_id) == [
        ("PlaybackStarted", "digits:12", "playing"), ("PlaybackContinuing", "digits:12", "continuing"),
        ("PlaybackStarted", "sound:after", "playing"), ("PlaybackFinished", "sound:after", "done")]
    assert events.about(channel_id)[-4]["playback"]["next_media_uri"] == "sound:after"


async def test_unplayable_media_fails(call, ari):
    events, channel_id = call
    await ari.post(f"/channels/{channel_id}/play", params={"media": "recording:never-recorded"})
    finished = await events.wait_for_type("PlaybackFinished", channel_id)
    assert finished["playback"]["state"] == "failed"


async def test_recording_ends_on_its_key_and_can_be_stopped_or_cancelled(call, ari, control):
    events, channel_id = call
    record = {"name": "voicemail", "format": "wav", "terminateOn": "#", "maxSilenceSeconds": 30}
    assert (await ari.post(f"/channels/{channel_id}/record", params=record)).status_code == 201
    assert (await ari.post(f"/channels/{channel_id}/record", params=record)).status_code == 409
    await control.press(channel_id, "#")
    finished = await events.wait_for_type("RecordingFinished", channel_id)
    assert finished["recording"]["talking_duration"] == 0  # the simulated caller is silent

    assert (await ari.post(f"/channels/{channel_id}/record", params=record)).status_code == 409  # ifExists=fail
    await ari.post(f"/channels/{channel_id}/record", params={"name": "stopped", "format": "ulaw"})
    assert (await ari.get("/recordings/live/stopped")).json()["state"] == "recording"
    assert (await ari.post("/recordings/live/stopped/stop")).status_code == 204
    await ari.post(f"/channels/{channel_id}/record", params={"name": "cancelled", "format": "sln"})
    assert (await ari.delete("/recordings/live/cancelled")).status_code == 204
    stored = {recording["name"] for recording in (await ari.get("/recordings/stored")).json()}
    assert {"voicemail", "stopped"} <= stored and "cancelled" not in stored
    assert (await ari.delete("/recordings/stored/stopped")).status_code == 204
    assert (await ari.get("/recordings/stored/stopped/file")).status_code == 404
    unknown = await ari.post(f"/channels/{channel_id}/record", params={"name": "x", "format": "mp3"})
    assert unknown.status_code == 422


async def test_bridge_events_follow_the_recording(control, ari, listen):
    events = await listen(APP)
    watcher = await listen("observer")  # plain apps never hear of bridges they have no channel in
    channels = []
    for caller in ("1", "2"):
        channels.append(await control.place_call("100", caller, app=APP))
        await events.wait_for_type("StasisStart", channels[-1])
    bridge = (await ari.post("/bridges", params={"bridgeId": "conference", "name": "room"})).json()
    assert bridge["technology"] == "simple_bridge" and bridge["bridge_type"] == "mixing"
    await ari.post("/bridges/conference/addChannel", params={"channel": channels})
    peer = await events.wait_for_type("ChannelVarset", channels[0], variable="BRIDGEPEER")
    assert peer["value"].startswith("PJSIP/sandbox-trunk-")
    refused = await ari.post("/bridges/conference/removeChannel", params={"channel": "nobody"})
    assert refused.status_code == 400
    await ari.delete("/bridges/conference")
    left = await events.wait_for_type("ChannelLeftBridge", channels[0])
    assert left["bridge"]["channels"] == []  # the first in leaves last
    assert not [event for event in events.events if event["type"].startswith("Bridge")]
    assert watcher.events == []


async def test_subscribe_all_and_replaced_applications(sandbox, control, ari, listen):
    everything = await listen(f"{APP}&subscribeAll=true")
    first = await listen("replaceable")
    second = await listen("replaceable")
    await first.wait_for_type("ApplicationReplaced")
    await ari.post("/bridges", params={"bridgeId": "seen"})
    channel_id = await control.place_call("5", "6", app="replaceable")
    await second.wait_for_type("StasisStart", channel_id)
    await everything.wait_for_type("BridgeCreated")
    created = await everything.wait_for_type("ChannelCreated", channel_id)
    assert created["application"] == APP
    assert not [event for event in first.events if event["type"] == "StasisStart"]
    applications = {app["name"]: app for app in (await ari.get("/applications")).json()}
    assert applications["replaceable"]["channel_ids"] == [channel_id]


async def test_continue_leaves_stasis(call, ari, control):
    events, channel_id = call
    assert (await ari.post(f"/channels/{channel_id}/continue")).status_code == 204
    await events.wait_for_type("StasisEnd", channel_id)
    assert (await control.state())["channels"] == 0


async def test_control_api_validates_and_streams_transcripts(sandbox, control, listen):
    await listen(APP)
    async with httpx.AsyncClient(base_url=f"{sandbox.base_url}sandbox", auth=(sandbox.config.user, PASSWORD)) as raw:
        not_connected = await raw.post("/calls", json={"dialed_number": "1", "app": "nobody-listens"})
        assert not_connected.status_code == 409
        bad_action = await raw.post("/calls", json={"dialed_number": "1", "app": APP,
                                                    "actions": [{"at_seconds": 1}]})
        assert bad_action.status_code == 400 and "dtmf or hangs up" in bad_action.json()["message"]
        assert (await raw.get("/calls/unknown")).status_code == 404
        channel_id = await control.place_call("1", "2", app=APP)
        refusals = [raw.post(f"/calls/{channel_id}/dtmf", json={"digits": "1x"}),
                    raw.post(f"/calls/{channel_id}/dtmf", json={"digits": "1", "duration_ms": 0}),
                    raw.post(f"/calls/{channel_id}/hangup", json={"cause": 500}),
                    raw.post("/media", json={"media_uri": "sound:x", "duration_seconds": -1}),
                    raw.put("/outcomes", json={"rules": [{"outcome": "maybe"}]}),
                    raw.put("/outcomes", json={"rules": [{"ring_seconds": -1}]})]
        for refusal in refusals:
            response = await refusal
            assert response.status_code == 400 and response.json()["message"], response.text
        assert (await control.call(channel_id))["live"]  # refused requests changed nothing

    stream_url = (f"{sandbox.base_url.replace('http', 'ws', 1)}sandbox/events"
                  f"?api_key={sandbox.config.user}:{PASSWORD}")
    async with websockets.connect(stream_url) as stream:
        channel_id = await control.place_call("300", "400", app=APP, actions=[{"at_seconds": 0, "dtmf": "9"}])
        entries = [json.loads(await stream.recv()) for _ in range(4)]
    assert [entry["event"] for entry in entries] == ["CallPlaced", "ChannelVarset", "StasisStart",
                                                     "ChannelDtmfReceived"]
    assert {entry["channel_id"] for entry in entries} == {channel_id}


async def test_only_the_latest_ended_calls_are_kept(listen, tmp_path):
    async with sandbox_running(ended_calls_kept=2, time_scale=0.02, recordings_dir=tmp_path) as small:
        events = await listen(APP, small)
        async with small.control() as control:
            ids = [await control.place_call(str(number), "1", app=APP) for number in range(3)]
            for channel_id in ids:
                await control.hang_up(channel_id)
            calls = await control.calls()
    assert [call["channel_id"] for call in calls["ended"]] == ids[:0:-1]
    assert events.events


def test_command_line_settings(tmp_path):
    config = parse_config(["--port", "0", "--time-scale", "0.5", "--recordings-dir", str(tmp_path)])
    assert (config.port, config.time_scale, config.recordings_dir) == (0, 0.5, tmp_path)
    assert len(config.password) >= 12  # a random one when none is given
