"""What a contact does next after an attempt: finished (succeeded, failed, out of attempts) or pending
again on which number and when. Pure.

* Answered: succeeded when the success rule holds, else failed (it was reached; no retry).
* Cancelled (the campaign was cancelled while it rang): pending as it was; the campaign no longer runs.
* Anything else counts against the number and the contact. The contact is out of attempts when it used
  ``max_attempts_per_contact`` or every number used ``max_attempts_per_number``; otherwise the next attempt,
  after the campaign's delay for that outcome, dials the same number while it has attempts left, then the
  next number in order that has (docs/campaigns.md: "the next number is tried when one is used up").
"""

from __future__ import annotations

from dataclasses import dataclass

from flow_runtime.outbound.models import AttemptOutcome, Campaign, ContactStatus

# Which of the campaign's retry delays follows each failed outcome.
DELAY_OF = {AttemptOutcome.busy: "busy", AttemptOutcome.no_answer: "no_answer", AttemptOutcome.failed: "failed",
            AttemptOutcome.rejected: "failed", AttemptOutcome.provider_error: "provider_error",
            AttemptOutcome.interrupted: "provider_error"}


@dataclass(frozen=True)
class Next:
    status: ContactStatus
    next_phone: int
    next_attempt_at: float | None  # epoch seconds; None: as soon as allowed


def next_number(number_attempts: list[int], after: int, per_number: int, skip: frozenset[int] = frozenset()
                ) -> int | None:
    """The first number after ``after`` (wrapping around, ``after`` itself last) with attempts left."""
    count = len(number_attempts)
    for step in range(1, count + 1):
        index = (after + step) % count
        if number_attempts[index] < per_number and index not in skip:
            return index
    return None


def after_attempt(campaign: Campaign, *, attempts: int, number_attempts: list[int], phone_index: int,
                  outcome: AttemptOutcome, succeeded: bool, ended_at: float,
                  previous_next_attempt_at: float | None = None) -> Next:
    """``attempts`` and ``number_attempts`` already count this attempt."""
    if outcome == AttemptOutcome.answered:
        return Next(ContactStatus.succeeded if succeeded else ContactStatus.failed, phone_index, None)
    if outcome == AttemptOutcome.cancelled:
        return Next(ContactStatus.pending, phone_index, previous_next_attempt_at)
    if attempts >= campaign.max_attempts_per_contact:
        return Next(ContactStatus.out_of_attempts, phone_index, None)
    index = next_number(number_attempts, (phone_index - 1) % len(number_attempts), campaign.max_attempts_per_number)
    if index is None:
        return Next(ContactStatus.out_of_attempts, phone_index, None)
    delay = getattr(campaign.retry_delays, DELAY_OF[outcome])
    return Next(ContactStatus.pending, index, ended_at + delay)
