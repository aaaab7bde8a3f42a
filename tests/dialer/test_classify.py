"""Attempt outcomes from what ARI reports: the sequences Asterisk 22.10.1 sent for each outcome
(shared/ari-events, Local channels: busy and congestion end with cause 0), the sandbox's PJSIP-trunk
sequences, and the dialer's own cancellations and timeouts."""

from __future__ import annotations

import json

import pytest

from flow_runtime.dialer.classify import classify
from flow_runtime.outbound.models import AttemptOutcome
from flow_runtime.telephony.ari_call import observe_origination
from flow_runtime.telephony.port import OriginationProgress
from tests.sandbox_pbx.conftest import SHARED

RECORDING = SHARED / "ari-events" / "asterisk-22.10.1-outcomes.jsonl"


def recorded_originations() -> dict[str, list[tuple[str, OriginationProgress]]]:
    """scenario → [(channel id, progress built from every recorded event)] for each originated channel."""
    lines = [json.loads(line) for line in RECORDING.read_text().splitlines()]
    scenario, channels = "inbound", {}
    for line in lines:
        if line["kind"] == "note":
            scenario = line["data"]["scenario"]
        elif line["kind"] == "rest" and (line["data"]["method"], line["data"]["path"]) == ("POST", "/channels"):
            channels.setdefault(scenario, []).append(line["data"]["body"]["id"])
    result = {}
    for name, ids in channels.items():
        result[name] = []
        for channel_id in ids:
            progress = OriginationProgress(channel_id=channel_id, originated_at=0.0)
            for line in lines:
                if line["kind"] == "event":
                    observe_origination(progress, line["data"], line["t"])
            result[name].append((channel_id, progress))
    return result


@pytest.mark.skipif(not RECORDING.is_file(), reason=f"{RECORDING} is not available")
def test_recorded_asterisk_sequences():
    recorded = recorded_originations()
    outcomes = {name: [classify(progress) for _, progress in items] for name, items in recorded.items()}
    assert outcomes == {"inbound": [AttemptOutcome.answered], "cap-busy": [AttemptOutcome.busy],
                        "cap-congestion": [AttemptOutcome.failed], "cap-reject": [AttemptOutcome.rejected],
                        "cap-noanswer": [AttemptOutcome.no_answer],
                        "bridge": [AttemptOutcome.answered, AttemptOutcome.answered]}
    busy = recorded["cap-busy"][0][1]
    assert (busy.dialstatus, busy.cause, busy.in_stasis) == ("BUSY", 0, False)  # cause 0: the status decides
    answered = recorded["inbound"][0][1]
    assert answered.dtmf == "1#" and answered.cause == 16 and answered.ended_at is not None
    no_answer = recorded["cap-noanswer"][0][1]
    assert no_answer.dialstatus is None and no_answer.ringing_at is not None and no_answer.cause == 19


def event(kind: str, channel_id: str = "c1", **fields) -> dict:
    key = "peer" if kind == "Dial" else "channel"
    return {"type": kind, key: {"id": channel_id, "state": fields.pop("state", "Down")}, **fields}


def progress_of(*events: dict, **flags) -> OriginationProgress:
    progress = OriginationProgress(channel_id="c1", originated_at=0.0, **flags)
    for moment, item in enumerate(events):
        observe_origination(progress, item, float(moment))
    return progress


# The sandbox's trunk sequences (docs/sandbox-pbx.md), which carry the far end's cause directly.
SANDBOX = {
    "answer": ([event("Dial", dialstatus=""), event("ChannelStateChange", state="Ringing"),
                event("Dial", dialstatus="RINGING"), event("ChannelStateChange", state="Up"),
                event("Dial", dialstatus="ANSWER"), event("StasisStart")], AttemptOutcome.answered),
    "busy": ([event("Dial", dialstatus=""), event("Dial", dialstatus="BUSY"),
              event("ChannelDestroyed", cause=17)], AttemptOutcome.busy),
    "congestion": ([event("Dial", dialstatus=""), event("Dial", dialstatus="CONGESTION"),
                    event("ChannelDestroyed", cause=34)], AttemptOutcome.failed),
    "rejected": ([event("Dial", dialstatus=""), event("ChannelHangupRequest", cause=21),
                  event("Dial", dialstatus="NOANSWER"), event("ChannelDestroyed", cause=21)], AttemptOutcome.rejected),
    "no_answer": ([event("Dial", dialstatus=""), event("ChannelStateChange", state="Ringing"),
                   event("Dial", dialstatus="RINGING"), event("ChannelDestroyed", cause=19)], AttemptOutcome.no_answer),
    "unavailable": ([event("Dial", dialstatus="CHANUNAVAIL"), event("ChannelDestroyed", cause=3)],
                    AttemptOutcome.failed),
    "network down": ([event("Dial", dialstatus=""), event("ChannelDestroyed", cause=38)],
                     AttemptOutcome.provider_error),
    "vanished": ([event("Dial", dialstatus=""), event("ChannelDestroyed", cause=0)], AttemptOutcome.provider_error),
    "unallocated": ([event("ChannelHangupRequest", cause=1), event("ChannelDestroyed", cause=1)],
                    AttemptOutcome.failed),
    "other channel": ([event("Dial", "c2", dialstatus="BUSY"), event("ChannelDestroyed", "c1", cause=19)],
                      AttemptOutcome.no_answer),
}


@pytest.mark.parametrize("name", sorted(SANDBOX))
def test_trunk_sequences(name):
    events, expected = SANDBOX[name]
    assert classify(progress_of(*events)) == expected


def test_our_own_hangups_and_refusals():
    soft = [event("Dial", dialstatus=""), event("Dial", dialstatus="RINGING"),
            event("ChannelHangupRequest", cause=32, soft=True), event("Dial", dialstatus="NOANSWER"),
            event("ChannelDestroyed", cause=16)]
    assert classify(progress_of(*soft, cancelled=True)) == AttemptOutcome.cancelled
    assert classify(progress_of(*soft, timed_out=True)) == AttemptOutcome.no_answer
    assert classify(progress_of(error="ARI POST /channels: 500")) == AttemptOutcome.provider_error
    assert classify(progress_of(timed_out=True)) == AttemptOutcome.no_answer  # no news at all, then stopped
    answered_then_cancelled = progress_of(event("StasisStart"), cancelled=True)
    assert classify(answered_then_cancelled) == AttemptOutcome.answered


def test_progress_times_and_keys():
    progress = progress_of(event("Dial", dialstatus=""), event("ChannelStateChange", state="Ringing"),
                           event("Dial", dialstatus="ANSWER"), event("StasisStart"),
                           event("ChannelDtmfReceived", digit="4"), event("ChannelDtmfReceived", "c2", digit="9"),
                           event("ChannelDtmfReceived", digit="2"), event("ChannelHangupRequest", cause=16),
                           event("ChannelDestroyed", cause=16, cause_txt="Normal Clearing"))
    assert (progress.ringing_at, progress.answered_at, progress.ended_at) == (1.0, 2.0, 8.0)
    assert progress.dtmf == "42" and progress.far_end_cause == 16 and progress.cause_txt == "Normal Clearing"
