"""How simulated far ends behave: the outcome of originated calls and what a caller does once connected.

These are the control API's request bodies as well as the sandbox's own representation."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Literal

import msgspec

Outcome = Literal["answer", "busy", "no_answer", "congestion", "rejected"]


class CallerAction(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Something the far end does ``at_seconds`` after the call reached Stasis: press keys or hang up."""

    at_seconds: float
    dtmf: str | None = None
    hangup_cause: int | None = None

    def __post_init__(self) -> None:
        if (self.dtmf is None) == (self.hangup_cause is None):
            raise ValueError("a caller action either sends dtmf or hangs up (hangup_cause)")
        if self.at_seconds < 0:
            raise ValueError("at_seconds must not be negative")


class OutcomeRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What happens to an originated call whose endpoint or dialled number matches the glob ``match``."""

    match: str = "*"
    outcome: Outcome = "answer"
    ring_seconds: float = 0.0  # alerting (ChannelStateChange Ringing, Dial RINGING) before the outcome
    actions: list[CallerAction] = []
    # Applies to this many matching originations only, then later rules do (e.g. busy once, then answer).
    times: int | None = None

    def __post_init__(self) -> None:
        if self.ring_seconds < 0:
            raise ValueError("ring_seconds must not be negative")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1")

    def matches(self, endpoint: str, number: str) -> bool:
        return fnmatchcase(number, self.match) or fnmatchcase(endpoint, self.match)


class OutcomeScript(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Rules are tried in order; the first match wins, ``default`` applies when none does."""

    default: OutcomeRule = OutcomeRule(ring_seconds=1.0)
    rules: list[OutcomeRule] = []

    def rule_for(self, endpoint: str, number: str, used: dict[int, int] | None = None) -> OutcomeRule:
        """The rule for the next origination; ``used`` counts how often each rule (by position) applied, for
        rules limited by ``times``, and is updated."""
        used = {} if used is None else used
        for position, rule in enumerate(self.rules):
            if rule.matches(endpoint, number) and (rule.times is None or used.get(position, 0) < rule.times):
                used[position] = used.get(position, 0) + 1
                return rule
        return self.default
