"""The sandbox reproduces what Asterisk 22.10.1 sent in shared/ari-events: driven the way capture.py drove
Asterisk, every originated channel gets the same sequence of event types, and events and REST bodies
have the same fields, types and nesting (ids, timestamps and other values aside).

The recording used Local channels; the sandbox acts as a PJSIP trunk (see docs/sandbox-pbx.md), so
only the originated channels (the `;1` halves) are compared, not the Local `;2` halves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.sandbox_pbx.conftest import PASSWORD, SHARED, concerns, sandbox_running

RECORDING = SHARED / "ari-events" / "asterisk-22.10.1-outcomes.jsonl"
pytestmark = pytest.mark.skipif(not RECORDING.is_file(), reason=f"{RECORDING} is not available")

APP = "capapp"  # as in capture.py
FAR_ENDS = [  # the dialplan contexts of outcomes.conf, as outcome rules
    {"match": "Local/s@cap-answer-dtmf", "outcome": "answer",
     "actions": [{"at_seconds": 1.0, "dtmf": "1#"}, {"at_seconds": 5.3, "hangup_cause": 16}]},
    {"match": "Local/s@cap-busy", "outcome": "busy"},
    {"match": "Local/s@cap-congestion", "outcome": "congestion"},
    {"match": "Local/s@cap-reject", "outcome": "rejected"},
    {"match": "Local/s@cap-noanswer", "outcome": "no_answer"},
]


@dataclass
class Capture:
    events: list[dict] = field(default_factory=list)
    rest: list[dict] = field(default_factory=list)

    def channel_ids(self) -> list[str]:
        """The channels the scenario originated, in order."""
        return [call["body"]["id"] for call in self.rest if (call["method"], call["path"]) == ("POST", "/channels")]


def recorded_scenarios() -> dict[str, Capture]:
    scenarios = {"inbound": Capture()}
    current = scenarios["inbound"]
    for line in RECORDING.read_text().splitlines():
        record = json.loads(line)
        if record["kind"] == "note":
            current = scenarios.setdefault(record["data"]["scenario"], Capture())
        elif record["kind"] == "event":
            current.events.append(record["data"])
        elif record["data"]["path"] != "/endpoints":  # the sandbox serves no /endpoints
            current.rest.append(record["data"])
    return scenarios


def shape(value: Any) -> Any:
    """Field names, nesting and scalar types of a JSON value, without the values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return "list" if isinstance(value, list) else type(value).__name__


def history(capture: Capture, channel_id: str) -> list[tuple[str, Any]]:
    return [(event["type"], shape(event)) for event in capture.events if concerns(event, channel_id)]


def rest_outline(capture: Capture) -> list[tuple]:
    outline = []
    for call in capture.rest:
        path = call["path"]
        for position, channel_id in enumerate(capture.channel_ids()):
            path = path.replace(channel_id, f"{{channel{position}}}")
        outline.append((call["method"], path, call["status"], shape(call["body"])))
    return outline


class Driver:
    """Makes ARI requests like capture.py did and records them the way capture.py recorded them."""

    def __init__(self, ari, events) -> None:
        self.ari = ari
        self.events = events
        self.capture = Capture()

    async def call(self, method: str, path: str, **params) -> Any:
        response = await self.ari.request(method, path, params=params or None)
        is_json = response.headers.get("content-type", "").startswith("application/json")
        body = response.json() if response.content and is_json else response.text
        self.capture.rest.append({"method": method, "path": path, "status": response.status_code, "body": body})
        return body

    async def inbound(self) -> None:
        channel = (await self.call("POST", "/channels", endpoint="Local/s@cap-answer-dtmf", app=APP,
                                   appArgs="inbound"))["id"]
        await self.events.wait_for_type("StasisStart", channel)
        await self.call("POST", f"/channels/{channel}/answer")
        await self.call("POST", f"/channels/{channel}/play", media="sound:beep", playbackId=f"pb-{channel}")
        await self.call("GET", f"/channels/{channel}")
        await self.events.wait_for_type("PlaybackFinished", channel)
        await self.call("POST", f"/channels/{channel}/variable", variable="VOXTEST", value="1")
        await self.events.wait_for_type("ChannelDtmfReceived", channel, digit="#")
        await self.call("POST", f"/channels/{channel}/record", name=f"cap-{channel}", format="wav",
                        maxDurationSeconds=1, ifExists="overwrite")
        # Asterisk's Local channel carried no audio, so its 1 s recording was still running at hangup.
        await self.events.wait_for_type("RecordingStarted", channel)
        await self.call("DELETE", f"/channels/{channel}")
        await self.events.wait_for_type("ChannelDestroyed", channel)

    async def failed_origination(self, context: str, timeout: int) -> None:
        channel = (await self.call("POST", "/channels", endpoint=f"Local/s@{context}", app=APP,
                                   appArgs=f"outbound,{context}", timeout=timeout))["id"]
        await self.events.wait_for_type("ChannelDestroyed", channel)

    async def bridge(self) -> None:
        legs = ("cap-a", "cap-b")
        await self.call("POST", "/bridges", type="mixing", bridgeId="capbridge")
        for leg in legs:
            await self.call("POST", "/channels", endpoint="Local/s@cap-answer-dtmf", app=APP,
                            appArgs=leg.replace("cap", "bridge"), channelId=leg)
        for leg in legs:
            await self.events.wait_for_type("StasisStart", leg)
        await self.call("POST", "/bridges/capbridge/addChannel", channel=",".join(legs))
        await self.call("GET", "/bridges/capbridge")
        for leg in legs:
            await self.events.wait_for_type("ChannelDtmfReceived", leg, digit="#")
        await self.call("DELETE", "/bridges/capbridge")
        for leg in legs:
            await self.events.wait_for_type("ChannelDestroyed", leg)
        await self.call("GET", "/channels")


SCENARIOS = {
    "inbound": Driver.inbound,
    "cap-busy": lambda driver: driver.failed_origination("cap-busy", 10),
    "cap-congestion": lambda driver: driver.failed_origination("cap-congestion", 10),
    "cap-reject": lambda driver: driver.failed_origination("cap-reject", 10),
    "cap-noanswer": lambda driver: driver.failed_origination("cap-noanswer", 4),
    "bridge": Driver.bridge,
}


@pytest.fixture(scope="module")
async def fidelity_sandbox(tmp_path_factory):
    # Slower than the other tests' sandbox: the bridge scenario needs its addChannel before the
    # far ends press keys 1 simulated second after answering.
    async with sandbox_running(time_scale=0.1, recordings_dir=tmp_path_factory.mktemp("recordings")) as running:
        async with running.control() as control:
            await control.set_outcomes(FAR_ENDS)
            await control.register_media("sound:beep", duration_seconds=0.42)  # Asterisk's beep.gsm
        yield running


def test_the_recording_has_every_scenario():
    assert set(recorded_scenarios()) == set(SCENARIOS)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_sandbox_matches_asterisk(fidelity_sandbox, listen, scenario):
    recorded = recorded_scenarios()[scenario]
    events = await listen(APP, fidelity_sandbox)
    async with httpx.AsyncClient(base_url=fidelity_sandbox.ari_url,
                                 auth=(fidelity_sandbox.config.user, PASSWORD)) as ari:
        driver = Driver(ari, events)
        await SCENARIOS[scenario](driver)
    driver.capture.events = events.events

    assert rest_outline(driver.capture) == rest_outline(recorded)
    for sandbox_channel, recorded_channel in zip(driver.capture.channel_ids(), recorded.channel_ids(), strict=True):
        expected, actual = history(recorded, recorded_channel), history(driver.capture, sandbox_channel)
        assert [event_type for event_type, _ in actual] == [event_type for event_type, _ in expected]
        for (event_type, expected_shape), (_, actual_shape) in zip(expected, actual):
            assert actual_shape == expected_shape, event_type
        # What tells outcomes apart carries Asterisk's values too: dial statuses and causes (busy and
        # congestion leave the originated Local half with cause 0, which a classifier must expect).
        assert outcome_values(driver.capture, sandbox_channel) == outcome_values(recorded, recorded_channel)


def outcome_values(capture: Capture, channel_id: str) -> list[tuple]:
    return [(event["type"], event.get("dialstatus", event.get("cause"))) for event in capture.events
            if concerns(event, channel_id) and event["type"] in ("Dial", "ChannelHangupRequest", "ChannelDestroyed")]

