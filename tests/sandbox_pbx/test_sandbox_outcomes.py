"""Originated calls end the way the outcome script says, with Asterisk's event sequence for the
originated channel and the far end's real cause (the sandbox acts as a PJSIP trunk)."""

from __future__ import annotations

import pytest

APP = "outcomes"


def summary(event: dict) -> tuple:
    """The part of an event these tests are about: its type and the value that tells outcomes apart."""
    detail = {"Dial": "dialstatus", "ChannelStateChange": None, "ChannelVarset": "value",
              "ChannelHangupRequest": "cause", "ChannelDestroyed": "cause", "ChannelDtmfReceived": "digit"}
    key = detail.get(event["type"])
    if event["type"] == "ChannelStateChange":
        return event["type"], event["channel"]["state"]
    return (event["type"], event[key]) if key else (event["type"],)


async def originate(ari, number: str, **params) -> str:
    response = await ari.post("/channels", params={"endpoint": f"PJSIP/{number}@trunk", "app": APP,
                                                   "appArgs": "outbound", **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["state"] == "Down" and body["name"].startswith("PJSIP/trunk-")
    return body["id"]


SCRIPT = [
    {"match": "100", "outcome": "answer", "ring_seconds": 0.5},
    {"match": "200", "outcome": "busy"},
    {"match": "300", "outcome": "congestion"},
    {"match": "400", "outcome": "rejected", "ring_seconds": 0.5},
    {"match": "500", "outcome": "no_answer"},
]

EXPECTED = {
    "100": [("Dial", ""), ("ChannelStateChange", "Ringing"), ("Dial", "RINGING"), ("ChannelStateChange", "Up"),
            ("Dial", "ANSWER"), ("ChannelVarset", ""), ("StasisStart",)],
    "200": [("Dial", ""), ("Dial", "BUSY"), ("ChannelDestroyed", 17)],
    "300": [("Dial", ""), ("Dial", "CONGESTION"), ("ChannelDestroyed", 34)],
    "400": [("Dial", ""), ("ChannelStateChange", "Ringing"), ("Dial", "RINGING"), ("ChannelHangupRequest", 21),
            ("Dial", "NOANSWER"), ("ChannelDestroyed", 21)],
    "500": [("Dial", ""), ("ChannelStateChange", "Ringing"), ("Dial", "RINGING"), ("ChannelDestroyed", 19)],
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
async def test_each_outcome_has_its_sequence_and_cause(ari, control, listen, number):
    events = await listen(APP)
    await control.set_outcomes(SCRIPT)
    channel_id = await originate(ari, number, timeout=2)
    final = "StasisStart" if number == "100" else "ChannelDestroyed"
    await events.wait_for_type(final, channel_id)
    assert [summary(event) for event in events.about(channel_id)] == EXPECTED[number]
    if final == "ChannelDestroyed":  # a failed call never reaches Stasis and leaves nothing behind
        assert (await control.state())["channels"] == 0
        call = await control.call(channel_id)
        assert call["direction"] == "outbound" and call["dialed_number"] == number and not call["live"]


async def test_answered_far_end_presses_keys_then_hangs_up(ari, control, listen):
    events = await listen(APP)
    await control.set_outcomes([], default={"outcome": "answer", "actions": [
        {"at_seconds": 0.5, "dtmf": "42"}, {"at_seconds": 2, "hangup_cause": 16}]})
    channel_id = await originate(ari, "79990001122", callerId='"Sales" <1000>')
    started = await events.wait_for_type("StasisStart", channel_id)
    assert started["args"] == ["outbound"] and started["channel"]["caller"] == {"name": "Sales", "number": "1000"}
    await events.wait_for_type("ChannelDestroyed", channel_id)
    after_start = [summary(event) for event in events.about(channel_id)][4:]
    assert after_start == [("StasisStart",), ("ChannelDtmfReceived", "4"), ("ChannelDtmfReceived", "2"),
                           ("ChannelHangupRequest", 16), ("StasisEnd",), ("ChannelVarset", "SUCCESS"),
                           ("ChannelDestroyed", 16)]


async def test_application_cancels_a_ringing_call(ari, control, listen):
    events = await listen(APP)
    await control.set_outcomes([{"match": "*", "outcome": "no_answer"}])
    channel_id = await originate(ari, "600")
    await events.wait_for_type("Dial", channel_id, dialstatus="RINGING")
    assert (await ari.delete(f"/channels/{channel_id}")).status_code == 204
    await events.wait_for_type("ChannelDestroyed", channel_id)
    assert [summary(event) for event in events.about(channel_id)][3:] == [
        ("ChannelHangupRequest", 32), ("Dial", "NOANSWER"), ("ChannelDestroyed", 16)]


async def test_originate_refusals(ari, listen):
    await listen(APP)
    assert (await ari.post("/channels", params={"app": APP})).json() == {"message": "Endpoint must be specified"}
    response = await ari.post("/channels", params={"endpoint": "nonsense", "app": APP})
    assert response.status_code == 400 and response.json() == {"message": "Invalid endpoint specified"}
    first = await ari.post("/channels", params={"endpoint": "PJSIP/1@t", "app": APP, "channelId": "dup"})
    again = await ari.post("/channels", params={"endpoint": "PJSIP/1@t", "app": APP, "channelId": "dup"})
    assert first.status_code == 200 and again.status_code == 409
    await ari.delete("/channels/dup")


async def test_a_rule_with_times_applies_that_often_then_the_next_rule_does(ari, control, listen):
    events = await listen(APP)
    await control.set_outcomes([{"match": "700", "outcome": "busy", "times": 2},
                                {"match": "700", "outcome": "congestion", "times": 1}])
    dialstatuses = []
    for _ in range(4):
        channel_id = await originate(ari, "700")
        final = await events.wait_for(lambda e, c=channel_id: e["type"] in ("ChannelDestroyed", "StasisStart")
                                      and e["channel"]["id"] == c)
        dialstatuses.append(next(e["dialstatus"] for e in reversed(events.about(channel_id)) if e["type"] == "Dial"))
        if final["type"] == "StasisStart":
            await ari.delete(f"/channels/{channel_id}")
    assert dialstatuses == ["BUSY", "BUSY", "CONGESTION", "ANSWER"]  # then the default: answer
    await control.set_outcomes([{"match": "700", "outcome": "busy", "times": 1}])  # a new script counts anew
    channel_id = await originate(ari, "700")
    await events.wait_for_type("Dial", channel_id, dialstatus="BUSY")
    response = await control.http.put("/outcomes", json={"rules": [{"match": "1", "times": 0}]})
    assert response.status_code == 400


async def test_local_channels_fail_with_cause_0_as_recorded(ari, control, listen):
    """Asterisk's originated Local half learns busy/congestion only from Dial and dies with cause 0."""
    events = await listen(APP)
    await control.set_outcomes([{"match": "Local/s@busy", "outcome": "busy"},
                                {"match": "Local/s@congested", "outcome": "congestion"},
                                {"match": "Local/s@rejecting", "outcome": "rejected"}])
    causes = {}
    for context in ("busy", "congested", "rejecting"):
        response = await ari.post("/channels", params={"endpoint": f"Local/s@{context}", "app": APP})
        channel_id = response.json()["id"]
        destroyed = await events.wait_for_type("ChannelDestroyed", channel_id)
        causes[context] = (destroyed["cause"], destroyed["cause_txt"])
    assert causes == {"busy": (0, "Unknown"), "congested": (0, "Unknown"), "rejecting": (21, "Call Rejected")}
