r"""caller_match: override rules (переопределённые правила), checked in order; the first rule whose
set conditions all match names the output, else "no_match".

Caller numbers are compared as digits: spaces, dashes and brackets are dropped and a leading + is
ignored, so "+7 (916) 123-45-67", "79161234567" and "+79161234567" are one number. The national
form "89161234567" is another number: a rule lists it too when calls can arrive with it.
A caller pattern must match the whole number either as written without separators
("+79161234567") or as digits only ("79161234567"), so ^7495\d{7}$ and ^\+7495\d{7}$ both work.
Weekdays and time ranges read as in time_condition, in the node's time zone, else the organisation's.
"""

import functools
import re
from datetime import datetime

from flow_runtime.context import CallContext, NodeError
from flow_runtime.executors.time_condition import in_weekly_hours, local_now
from flow_runtime.expressions import to_text
from flow_runtime.nodes.caller_match import CallerMatchNode, OverrideRule

node_type = "caller_match"

# Patterns are written by users and Python's re has no time limit. Numbers are short (E.164: at
# most 15 digits), and at 20 characters even a catastrophic pattern such as (\d+)+$ gives up in
# about 0.1 s; a longer caller matches no pattern.
MAX_PATTERN_INPUT = 20
_SEPARATORS = str.maketrans("", "", " -()")


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:  # validation refuses such patterns; a graph saved before it can still hold one
        raise NodeError(
            f"Not a valid caller number pattern: {error}",
            f"Некорректный шаблон номера звонящего: {error}",
        ) from error


def _rule_matches(rule: OverrideRule, written: str, digits: str, moment: datetime) -> bool:
    if rule.caller_numbers and digits not in {number.removeprefix("+") for number in rule.caller_numbers}:
        return False
    if rule.caller_pattern is not None:
        pattern = _compiled(rule.caller_pattern)
        if len(written) > MAX_PATTERN_INPUT or not (pattern.fullmatch(written) or pattern.fullmatch(digits)):
            return False
    return in_weekly_hours(moment, rule.weekdays, rule.time_ranges)


async def execute(params: CallerMatchNode, ctx: CallContext) -> str:
    written = to_text(ctx.variables.get("call", {}).get("caller")).translate(_SEPARATORS)
    digits = written.removeprefix("+")
    moment = local_now(ctx, params.timezone)
    for rule in params.rules:
        if _rule_matches(rule, written, digits, moment):
            return rule.output
    return "no_match"
