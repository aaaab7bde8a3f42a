"""The campaign's success rule, applied to an answered attempt. Pure."""

from __future__ import annotations

from flow_runtime.outbound.models import SuccessKind, SuccessRule


def is_success(rule: SuccessRule, *, flow_result: str | None, dtmf: str, talk_seconds: float | None) -> bool:
    if rule.kind == SuccessKind.flow_result:
        return flow_result == rule.outcome
    if rule.kind == SuccessKind.dtmf:
        return rule.digit in dtmf
    return (talk_seconds or 0.0) >= rule.seconds
