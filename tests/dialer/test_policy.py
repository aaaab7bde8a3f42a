"""Retries, numbers in order, attempt caps and the success rule; pacing settings and endpoints. Pure."""

from __future__ import annotations

import pytest

from flow_runtime.dialer.config import DialerConfig, enabled_in, endpoint_for
from flow_runtime.dialer.pacing import claim_order, parse_trunk_limits
from flow_runtime.dialer.policy import after_attempt, next_number
from flow_runtime.dialer.schedule import Limits, score
from flow_runtime.dialer.success import is_success
from flow_runtime.outbound.models import AttemptOutcome, Campaign, ContactStatus, RetryDelays, SuccessRule

T = 1_900_000_000.0


def campaign(**fields) -> Campaign:
    values = dict(tenant_id="t", name="c", flow_id="f", max_attempts_per_contact=4, max_attempts_per_number=2,
                  retry_delays=RetryDelays(busy=600, no_answer=1800, failed=900, provider_error=300))
    return Campaign.model_construct(**{**values, **fields})


@pytest.mark.parametrize(("outcome", "delay"), [
    (AttemptOutcome.busy, 600), (AttemptOutcome.no_answer, 1800), (AttemptOutcome.failed, 900),
    (AttemptOutcome.rejected, 900), (AttemptOutcome.provider_error, 300), (AttemptOutcome.interrupted, 300)])
def test_each_failed_outcome_waits_its_delay(outcome, delay):
    following = after_attempt(campaign(), attempts=1, number_attempts=[1], phone_index=0, outcome=outcome,
                              succeeded=False, ended_at=T)
    assert following.status == ContactStatus.pending and following.next_attempt_at == T + delay


def test_each_number_is_used_up_before_the_next_is_tried():
    c = campaign(max_attempts_per_contact=10, max_attempts_per_number=2)
    counts, index, dialled = [0, 0, 0], 0, []
    for attempt in range(1, 10):
        counts[index] += 1
        dialled.append(index)
        following = after_attempt(c, attempts=attempt, number_attempts=counts, phone_index=index,
                                  outcome=AttemptOutcome.busy, succeeded=False, ended_at=T)
        if following.status != ContactStatus.pending:
            break
        index = following.next_phone
    assert dialled == [0, 0, 1, 1, 2, 2] and following.status == ContactStatus.out_of_attempts


def test_the_contact_cap_stops_first():
    following = after_attempt(campaign(max_attempts_per_contact=2), attempts=2, number_attempts=[1, 1],
                              phone_index=1, outcome=AttemptOutcome.no_answer, succeeded=False, ended_at=T)
    assert following.status == ContactStatus.out_of_attempts


def test_answered_is_final_and_cancelled_keeps_the_contact_pending():
    c = campaign()
    assert after_attempt(c, attempts=1, number_attempts=[1], phone_index=0, outcome=AttemptOutcome.answered,
                         succeeded=True, ended_at=T).status == ContactStatus.succeeded
    assert after_attempt(c, attempts=1, number_attempts=[1], phone_index=0, outcome=AttemptOutcome.answered,
                         succeeded=False, ended_at=T).status == ContactStatus.failed
    cancelled = after_attempt(c, attempts=1, number_attempts=[1, 0], phone_index=1, outcome=AttemptOutcome.cancelled,
                              succeeded=False, ended_at=T, previous_next_attempt_at=T - 5)
    assert (cancelled.status, cancelled.next_phone, cancelled.next_attempt_at) == (ContactStatus.pending, 1, T - 5)


def test_next_number_skips_blocked_and_used_up_numbers():
    assert next_number([0, 0, 0], 2, 1) == 0
    assert next_number([1, 0, 0], 0, 1, skip=frozenset({1})) == 2
    assert next_number([1, 1], 0, 1) is None
    assert next_number([1], 0, 2) == 0  # the only number, tried again


def test_success_rules():
    flow = SuccessRule(kind="flow_result", outcome="confirmed")
    assert is_success(flow, flow_result="confirmed", dtmf="", talk_seconds=1)
    assert not is_success(flow, flow_result="declined", dtmf="1", talk_seconds=100)
    dtmf = SuccessRule(kind="dtmf", digit="#")
    assert is_success(dtmf, flow_result=None, dtmf="12#", talk_seconds=0)
    assert not is_success(dtmf, flow_result="confirmed", dtmf="12", talk_seconds=0)
    listened = SuccessRule(kind="listened", seconds=10)
    assert is_success(listened, flow_result=None, dtmf="", talk_seconds=10.0)
    assert not is_success(listened, flow_result=None, dtmf="", talk_seconds=9.9)


def test_as_soon_as_allowed_comes_before_any_time():
    assert score(None) < score(T) < score(T + 1)


def test_trunk_limits_and_configuration_from_the_environment():
    assert parse_trunk_limits("carrier=120/20, backup=30/-,x=-/2.5") == {
        "carrier": Limits(120, 20.0), "backup": Limits(30, -1.0), "x": Limits(-1, 2.5)}
    with pytest.raises(ValueError):
        parse_trunk_limits("carrier")
    config = DialerConfig.from_env({"VOXFLOW_DIALER_LEASE_SECONDS": "7.5", "VOXFLOW_DIALER_MAX_CALLS": "12",
                                    "VOXFLOW_DIALER_TRUNK_LIMITS": "carrier=5/1",
                                    "VOXFLOW_DIALER_DEFAULT_TRUNK": "sip-out"})
    assert (config.lease_seconds, config.max_calls, config.default_trunk) == (7.5, 12, "sip-out")
    assert config.trunk_limits == {"carrier": Limits(5, 1.0)}
    assert enabled_in({}) and not enabled_in({"VOXFLOW_DIALER": "off"})


def test_endpoints():
    assert endpoint_for("carrier", "+79161234567", "trunk") == "PJSIP/+79161234567@carrier"
    assert endpoint_for("", "100", "trunk") == "PJSIP/100@trunk"
    assert endpoint_for("Local/{number}@outbound", "100", "trunk") == "Local/100@outbound"


def test_claim_order_is_by_priority():
    low, high, mid = campaign(priority=1), campaign(priority=9), campaign(priority=5)
    for index, item in enumerate((low, high, mid)):
        item.id = f"{index:024x}"
    assert [c.priority for c in claim_order([low, high, mid])] == [9, 5, 1]
