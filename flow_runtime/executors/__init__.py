"""The executor of every node type, keyed by type. Listed explicitly: a declared type without an
executor is caught by a test, not discovered at run time."""

from __future__ import annotations

from flow_runtime.executors import (
    answer, callback_request, caller_match, collect, condition, hangup, http_request, menu, play, record, say,
    set_result, set_variable, start, subflow, switch, time_condition, transfer,
)
from flow_runtime.executors.base import Execute

# The queue node is declared; its executor comes with queue support.
NOT_YET_EXECUTABLE = frozenset({"queue"})

EXECUTORS: dict[str, Execute] = {
    module.node_type: module.execute
    for module in (answer, callback_request, caller_match, collect, condition, hangup, http_request, menu, play,
                   record, say, set_result, set_variable, start, subflow, switch, time_condition, transfer)
}
