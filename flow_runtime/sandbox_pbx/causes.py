"""Hangup causes (Q.850 codes) with the texts Asterisk puts in ``cause_txt``."""

from __future__ import annotations

UNKNOWN = 0
UNALLOCATED = 1
NORMAL_CLEARING = 16
USER_BUSY = 17
NO_USER_RESPONSE = 18
NO_ANSWER = 19
CALL_REJECTED = 21
ANSWERED_ELSEWHERE = 26
INVALID_NUMBER_FORMAT = 28
NORMAL_UNSPECIFIED = 31
CONGESTION = 34
NETWORK_OUT_OF_ORDER = 38
BEARERCAPABILITY_NOTAVAIL = 58
INTERWORKING = 127

# ChannelHangupRequest carries this instead of a Q.850 cause when ARI hangs a channel up: it is
# Asterisk's AST_SOFTHANGUP_EXPLICIT flag (the recording shows {"cause": 32, "soft": true}).
SOFT_HANGUP_EXPLICIT = 32

# main/channel.c causes[]; ast_cause2str() answers "Unknown" for anything else.
_CAUSE_TEXTS = {
    UNALLOCATED: "Unallocated (unassigned) number",
    2: "No route to specified transmit network",
    3: "No route to destination",
    6: "Channel unacceptable",
    NORMAL_CLEARING: "Normal Clearing",
    USER_BUSY: "User busy",
    NO_USER_RESPONSE: "No user responding",
    NO_ANSWER: "User alerting, no answer",
    20: "Subscriber absent",
    CALL_REJECTED: "Call Rejected",
    22: "Number changed",
    ANSWERED_ELSEWHERE: "Answered elsewhere",
    27: "Destination out of order",
    INVALID_NUMBER_FORMAT: "Invalid number format",
    NORMAL_UNSPECIFIED: "Normal, unspecified",
    CONGESTION: "Circuit/channel congestion",
    NETWORK_OUT_OF_ORDER: "Network out of order",
    41: "Temporary failure",
    42: "Switching equipment congestion",
    44: "Requested channel not available",
    BEARERCAPABILITY_NOTAVAIL: "Bearer capability not available",
    INTERWORKING: "Interworking, unspecified",
}

# The `reason` values of DELETE /channels/{id} (res/ari/resource_channels.c).
HANGUP_REASONS = {
    "normal": NORMAL_CLEARING,
    "busy": USER_BUSY,
    "congestion": CONGESTION,
    "no_answer": NO_ANSWER,
    "timeout": NO_USER_RESPONSE,
    "rejected": CALL_REJECTED,
    "unallocated": UNALLOCATED,
    "normal_unspecified": NORMAL_UNSPECIFIED,
    "number_incomplete": INVALID_NUMBER_FORMAT,
    "codec_mismatch": BEARERCAPABILITY_NOTAVAIL,
    "interworking": INTERWORKING,
    "failure": NETWORK_OUT_OF_ORDER,
    "answered_elsewhere": ANSWERED_ELSEWHERE,
}


def cause_text(cause: int) -> str:
    return _CAUSE_TEXTS.get(cause, "Unknown")


def dial_status_for_hangup(cause: int) -> str:
    """The ``dialstatus`` Asterisk reports when a dialled channel hangs up unanswered (main/dial.c)."""
    if cause == USER_BUSY:
        return "BUSY"
    if cause == CONGESTION:
        return "CONGESTION"
    if cause in (3, 20):
        return "CHANUNAVAIL"
    return "NOANSWER"
