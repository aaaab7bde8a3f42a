"""An attempt's outcome from what ARI reported about the originated channel (see docs/dialer.md).

Asterisk 22 (shared/ari-events): a failed origination never reaches StasisStart; its outcome is the last
Dial ``dialstatus``, and the originated channel may then be destroyed with cause 0 (a Local channel's
half) — so the dial status decides first and the Q.850 cause only when there is none (a call that rang
out at the originate timeout gets no final Dial, just ChannelDestroyed 19). Over a PJSIP trunk the
channel carries the far end's cause directly. Pure."""

from __future__ import annotations

from flow_runtime.outbound.models import AttemptOutcome
from flow_runtime.telephony.port import OriginationProgress

BUSY, NO_USER_RESPONSE, NO_ANSWER, CALL_REJECTED = 17, 18, 19, 21
# Q.850 causes of a number that cannot be reached (unallocated, no route, absent, out of order, invalid
# format, congestion, channel unavailable).
UNREACHABLE = frozenset({1, 2, 3, 20, 22, 27, 28, 34, 42, 44})
DIALSTATUS_OUTCOMES = {"BUSY": AttemptOutcome.busy, "CONGESTION": AttemptOutcome.failed,
                       "CHANUNAVAIL": AttemptOutcome.failed, "DONTCALL": AttemptOutcome.rejected,
                       "TORTURE": AttemptOutcome.rejected, "INVALIDARGS": AttemptOutcome.provider_error}


def _cause_outcome(cause: int | None) -> AttemptOutcome | None:
    if cause == BUSY:
        return AttemptOutcome.busy
    if cause in (NO_USER_RESPONSE, NO_ANSWER):
        return AttemptOutcome.no_answer
    if cause == CALL_REJECTED:
        return AttemptOutcome.rejected
    if cause in UNREACHABLE:
        return AttemptOutcome.failed
    return None


def classify(progress: OriginationProgress) -> AttemptOutcome:
    if progress.error is not None:
        return AttemptOutcome.provider_error  # the PBX refused the originate request
    if progress.answered:
        return AttemptOutcome.answered
    if progress.cancelled:
        return AttemptOutcome.cancelled
    status = progress.dialstatus
    if status in DIALSTATUS_OUTCOMES:
        return DIALSTATUS_OUTCOMES[status]
    causes = [c for c in (progress.far_end_cause, progress.cause) if c]  # 0 says nothing
    if status in ("NOANSWER", "CANCEL"):
        # Asterisk reports a far end that rejected the call (cause 21) as NOANSWER too.
        return AttemptOutcome.rejected if CALL_REJECTED in causes and not progress.timed_out \
            else AttemptOutcome.no_answer
    if progress.timed_out:
        return AttemptOutcome.no_answer  # we stopped it ringing at the ring timeout
    for cause in causes:
        outcome = _cause_outcome(cause)
        if outcome is not None:
            return outcome
    # Gone without a dial status or a telling cause (0 "Unknown", 38 network out of order, 41 temporary
    # failure, a channel that vanished while the events connection was down): a technical failure.
    return AttemptOutcome.provider_error
