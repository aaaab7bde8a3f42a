"""Logic, integration and result executors on a real CallContext without a channel: a logic block must
not touch the call. The clock is the services' `now`; HTTP goes through the real guard to a local server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from flow_runtime.context import CallContext, CallResult, NodeError, TenantInfo
from flow_runtime.executors import (
    callback_request, caller_match, condition, http_request, set_result, set_variable, switch, time_condition,
)
from flow_runtime.http_guard import GuardedHttpClient
from flow_runtime.nodes.callback_request import CallbackRequestNode
from flow_runtime.nodes.caller_match import CallerMatchNode
from flow_runtime.nodes.condition import ConditionNode
from flow_runtime.nodes.http_request import HttpRequestNode
from flow_runtime.nodes.set_result import SetResultNode
from flow_runtime.nodes.set_variable import SetVariableNode
from flow_runtime.nodes.switch import SwitchNode
from flow_runtime.nodes.time_condition import TimeConditionNode
from tests.runtime import test_http_guard

local_server = test_http_guard.local_server  # the guard tests' HTTP server fixture, shared

# 2024-03-04 is a Monday; Moscow is UTC+3 all year.
MONDAY_0630_UTC = datetime(2024, 3, 4, 6, 30, tzinfo=UTC)


class RecordingServices:
    """The RuntimeServices a logic executor may use: a settable clock, guarded HTTP, recorded callbacks."""

    def __init__(self, http: GuardedHttpClient, now: datetime) -> None:
        self.http = http
        self.clock = now
        self.callbacks: list[tuple[str, str, str, str | None]] = []

    def now(self) -> datetime:
        return self.clock

    async def http_request(self, tenant, method, url, headers, body, timeout):
        return await self.http.request(tenant, method, url, headers, body, timeout)

    async def file_callback(self, tenant: TenantInfo, call_id: str, number: str, note: str | None) -> None:
        self.callbacks.append((tenant.id, call_id, number, note))


@pytest.fixture(scope="module")
async def guarded_http():
    client = GuardedHttpClient()
    yield client
    await client.aclose()


@pytest.fixture
def make_ctx(guarded_http):
    def make(*, now: datetime = MONDAY_0630_UTC, allowed_hosts: tuple[str, ...] = ("127.0.0.1",),
             **variables: dict[str, Any]) -> CallContext:
        tenant = TenantInfo(id="t1", slug="org-1", name="Org", timezone="Europe/Moscow", locale="ru",
                            allowed_http_hosts=allowed_hosts)
        return CallContext(call_id="call-1", channel=None, tenant=tenant,
                           services=RecordingServices(guarded_http, now),
                           variables={"call": {"caller": "+79161234567"}, "flow": {}, **variables})
    return make


def at_moscow(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Moscow wall-clock time as the UTC time the services' clock gives."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Moscow")).astimezone(UTC)


# --- set_variable, condition, switch ------------------------------------------------------


async def test_set_variable_assigns_in_order(make_ctx):
    ctx = make_ctx(contact={"debt": 1500})
    params = SetVariableNode.model_validate({"assignments": [
        {"variable": "kopecks", "expression": "contact.debt * 100"},
        {"variable": "label", "expression": "'big' if flow.kopecks > 100000 else 'small'"},
    ]})
    assert await set_variable.execute(params, ctx) == "next"
    assert ctx.variables["flow"] == {"kopecks": 150000, "label": "big"}


async def test_set_variable_runtime_error_is_a_node_error_naming_the_variable(make_ctx):
    ctx = make_ctx(contact={"debt": 0})
    params = SetVariableNode.model_validate({"assignments": [
        {"variable": "first", "expression": "1"},
        {"variable": "ratio", "expression": "100 / contact.debt"},
    ]})
    with pytest.raises(NodeError) as raised:
        await set_variable.execute(params, ctx)
    english, russian = raised.value.message["en"], raised.value.message["ru"]
    assert english.startswith("flow.ratio: Cannot evaluate") and russian.startswith("flow.ratio: Выражение")
    assert ctx.variables["flow"] == {"first": 1}


@pytest.mark.parametrize(("expression", "output"), [
    ("contact.debt > 1000 and not flow.confirmed", "true"),
    ("contact.debt > 5000", "false"),
    ("contact.missing", "false"),
    ("trim(contact.name)", "true"),
])
async def test_condition(make_ctx, expression, output):
    ctx = make_ctx(contact={"debt": 1500, "name": " Иван "})
    assert await condition.execute(ConditionNode.model_validate({"expression": expression}), ctx) == output


async def test_condition_runtime_error_is_a_node_error(make_ctx):
    params = ConditionNode.model_validate({"expression": "contact.name > 5"})
    with pytest.raises(NodeError):
        await condition.execute(params, make_ctx(contact={"name": "Иван"}))


@pytest.mark.parametrize(("value", "output"), [
    ("msk", "msk"),
    (2, "2"),
    (1500.0, "1500"),
    (True, "true"),
    ("kazan", "default"),
    (None, "default"),
])
async def test_switch_compares_as_text(make_ctx, value, output):
    params = SwitchNode.model_validate({"value": "contact.region", "cases": ["msk", "spb", "2", "1500", "true"]})
    assert await switch.execute(params, make_ctx(contact={"region": value})) == output


# --- time_condition -------------------------------------------------------------------------


@pytest.mark.parametrize(("now", "timezone", "output"), [
    (MONDAY_0630_UTC, None, "open"),  # 09:30 in Moscow, the organisation's time zone
    (MONDAY_0630_UTC, "UTC", "closed"),  # 06:30 in UTC
    (at_moscow(2024, 3, 4, 8, 59), None, "closed"),
    (at_moscow(2024, 3, 4, 17, 59), None, "open"),
    (at_moscow(2024, 3, 4, 18, 0), None, "closed"),  # the end is not included
    (at_moscow(2024, 3, 9, 12), None, "closed"),  # Saturday
    (datetime(2024, 3, 10, 23, 30, tzinfo=UTC), "UTC", "closed"),  # Sunday 23:30…
    (datetime(2024, 3, 10, 23, 30, tzinfo=UTC), "Asia/Vladivostok", "open"),  # …is Monday 09:30 there
])
async def test_time_condition_default_hours(make_ctx, now, timezone, output):
    params = TimeConditionNode.model_validate({"timezone": timezone})
    assert await time_condition.execute(params, make_ctx(now=now)) == output


async def test_time_condition_holiday_is_the_local_date(make_ctx):
    params = TimeConditionNode.model_validate({
        "schedule": [{"weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                      "time_ranges": [{"start": "00:00", "end": "24:00"}]}],
        "holidays": ["2024-03-08"],
    })
    # 21:30 UTC on March 7 is 00:30 on March 8 in Moscow; 20:30 UTC is still March 7 there.
    assert await time_condition.execute(params, make_ctx(now=datetime(2024, 3, 7, 21, 30, tzinfo=UTC))) == "closed"
    assert await time_condition.execute(params, make_ctx(now=datetime(2024, 3, 7, 20, 30, tzinfo=UTC))) == "open"


@pytest.mark.parametrize(("now", "output"), [
    (at_moscow(2024, 6, 3, 10), "open"),
    (at_moscow(2024, 8, 30, 10), "open"),  # the last day is included
    (at_moscow(2024, 9, 2, 10), "closed"),
    (at_moscow(2024, 5, 31, 10), "closed"),
])
async def test_time_condition_date_ranges(make_ctx, now, output):
    params = TimeConditionNode.model_validate({"date_ranges": [{"start": "2024-06-01", "end": "2024-08-31"}]})
    assert await time_condition.execute(params, make_ctx(now=now)) == output


@pytest.mark.parametrize(("now", "output"), [
    (at_moscow(2024, 3, 8, 23), "open"),  # Friday night
    (at_moscow(2024, 3, 9, 2), "open"),  # Saturday 02:00 is still Friday's night
    (at_moscow(2024, 3, 9, 6), "closed"),
    (at_moscow(2024, 3, 8, 2), "closed"),  # Friday 02:00 is Thursday's night, not listed
    (at_moscow(2024, 3, 4, 23, 59), "open"),  # Monday 18:00–24:00
])
async def test_time_condition_ranges_crossing_midnight(make_ctx, now, output):
    params = TimeConditionNode.model_validate({"schedule": [
        {"weekdays": ["fri"], "time_ranges": [{"start": "22:00", "end": "06:00"}]},
        {"weekdays": ["mon"], "time_ranges": [{"start": "18:00", "end": "24:00"}]},
    ]})
    assert await time_condition.execute(params, make_ctx(now=now)) == output


# --- caller_match ---------------------------------------------------------------------------

OVERRIDE_RULES = CallerMatchNode.model_validate({"rules": [
    {"output": "vip", "caller_numbers": ["+79161234567", "74950000000"]},
    {"output": "moscow", "caller_pattern": r"7495\d{7}"},
    {"output": "weekend_night", "weekdays": ["sat", "sun"], "time_ranges": [{"start": "22:00", "end": "08:00"}]},
]})


@pytest.mark.parametrize(("caller", "now", "output"), [
    ("+7 (916) 123-45-67", MONDAY_0630_UTC, "vip"),
    ("79161234567", MONDAY_0630_UTC, "vip"),
    ("89161234567", MONDAY_0630_UTC, "no_match"),  # the national form is another number
    ("+74950000000", at_moscow(2024, 3, 9, 23), "vip"),  # the first matching rule wins
    ("+74951234567", MONDAY_0630_UTC, "moscow"),
    ("+78121234567", at_moscow(2024, 3, 9, 23), "weekend_night"),  # Saturday 23:00
    ("+78121234567", at_moscow(2024, 3, 9, 2), "no_match"),  # Saturday 02:00 is Friday's night
    ("+78121234567", at_moscow(2024, 3, 11, 2), "weekend_night"),  # Monday 02:00 is Sunday's night
    ("+78121234567", at_moscow(2024, 3, 11, 8), "no_match"),
    ("anonymous", MONDAY_0630_UTC, "no_match"),
    (None, MONDAY_0630_UTC, "no_match"),
])
async def test_caller_match(make_ctx, caller, now, output):
    ctx = make_ctx(now=now, call={"caller": caller})
    assert await caller_match.execute(OVERRIDE_RULES, ctx) == output


async def test_caller_match_rule_needs_every_condition_it_sets(make_ctx):
    params = CallerMatchNode.model_validate({"timezone": "UTC", "rules": [
        {"output": "boss_mornings", "caller_numbers": ["79161234567"], "weekdays": ["mon"],
         "time_ranges": [{"start": "06:00", "end": "07:00"}]},
    ]})
    assert await caller_match.execute(params, make_ctx()) == "boss_mornings"  # Monday 06:30 UTC
    assert await caller_match.execute(params, make_ctx(call={"caller": "79160000000"})) == "no_match"
    tuesday = datetime(2024, 3, 5, 6, 30, tzinfo=UTC)
    assert await caller_match.execute(params, make_ctx(now=tuesday)) == "no_match"


async def test_caller_match_pattern_sees_the_number_with_plus_and_only_short_numbers(make_ctx):
    params = CallerMatchNode.model_validate({"rules": [{"output": "plus", "caller_pattern": r"\+7.*"},
                                                       {"output": "anything", "caller_pattern": ".*"}]})
    assert await caller_match.execute(params, make_ctx()) == "plus"
    too_long = make_ctx(call={"caller": "1" * 21})
    assert await caller_match.execute(params, too_long) == "no_match"


async def test_caller_match_broken_pattern_is_a_node_error(make_ctx):
    params = CallerMatchNode.model_validate({"rules": [{"output": "x", "caller_pattern": "7.*"}]})
    params.rules[0].caller_pattern = "7(("  # as a graph saved before validation could hold it
    with pytest.raises(NodeError):
        await caller_match.execute(params, make_ctx())


# --- http_request ---------------------------------------------------------------------------


def http_node(path: str, **params: Any) -> HttpRequestNode:
    return HttpRequestNode.model_validate({"url": "http://127.0.0.1:{{flow.port}}" + path, **params})


async def test_http_request_ok_maps_json_into_flow_variables(make_ctx, local_server):
    ctx = make_ctx(flow={"port": local_server.port, "name": "stale"})
    params = http_node("/json", response_mapping=[
        {"variable": "name", "path": "data.items.0.name"},
        {"variable": "second_id", "path": "data.items.1.id"},
        {"variable": "missing", "path": "data.items.5.id"},
    ])
    assert await http_request.execute(params, ctx) == "ok"
    assert ctx.variables["flow"] == {"port": local_server.port, "name": "Иван", "second_id": 8, "missing": None}


async def test_http_request_renders_headers_and_body(make_ctx, local_server):
    ctx = make_ctx(flow={"port": local_server.port}, contact={"id": 42, "token": "t0ken"})
    params = http_node("/echo", method="POST", body='{"contact": {{contact.id}}}',
                       headers=[{"name": "Authorization", "value": "Bearer {{contact.token}}"}],
                       response_mapping=[{"variable": "sent_body", "path": "body"},
                                         {"variable": "sent_auth", "path": "headers.authorization"}])
    assert await http_request.execute(params, ctx) == "ok"
    assert ctx.variables["flow"]["sent_body"] == '{"contact": 42}'
    assert ctx.variables["flow"]["sent_auth"] == "Bearer t0ken"


async def test_http_request_error_status_is_error_and_maps_nothing(make_ctx, local_server):
    ctx = make_ctx(flow={"port": local_server.port})
    params = http_node("/status/500", response_mapping=[{"variable": "error", "path": "error"}])
    assert await http_request.execute(params, ctx) == "error"
    assert "error" not in ctx.variables["flow"]


async def test_http_request_timeout(make_ctx, local_server):
    ctx = make_ctx(flow={"port": local_server.port})
    assert await http_request.execute(http_node("/slow", timeout=1), ctx) == "timeout"


async def test_http_request_to_a_blocked_host_is_error_without_connecting(make_ctx, local_server):
    ctx = make_ctx(allowed_hosts=(), flow={"port": local_server.port})
    connections = local_server.connections
    assert await http_request.execute(http_node("/json"), ctx) == "error"
    assert local_server.connections == connections


async def test_http_request_template_error_is_a_node_error(make_ctx):
    params = HttpRequestNode.model_validate({"url": "http://127.0.0.1/{{flow.count * 'x' * 100000}}"})
    with pytest.raises(NodeError):
        await http_request.execute(params, make_ctx(flow={"count": 1000}))


# --- set_result, callback_request -----------------------------------------------------------


async def test_set_result(make_ctx):
    ctx = make_ctx(contact={"debt": 1500})
    confirmed = SetResultNode.model_validate({"outcome": "confirmed", "custom_label": "left over"})
    assert await set_result.execute(confirmed, ctx) == "next"
    assert ctx.result == CallResult("confirmed", None, None)
    custom = SetResultNode.model_validate({"outcome": "custom", "custom_label": "promised",
                                           "value": "{{contact.debt}} руб."})
    assert await set_result.execute(custom, ctx) == "next"
    assert ctx.result == CallResult("custom", "promised", "1500 руб.")


async def test_callback_request_from_caller_id(make_ctx):
    ctx = make_ctx(contact={"name": "Иван"})
    params = CallbackRequestNode.model_validate({"note": "Перезвонить: {{contact.name}}"})
    assert await callback_request.execute(params, ctx) == "done"
    assert ctx.services.callbacks == [("t1", "call-1", "+79161234567", "Перезвонить: Иван")]


async def test_callback_request_from_a_variable(make_ctx):
    ctx = make_ctx(contact={"mobile": 79035550000})
    params = CallbackRequestNode.model_validate({"number_source": "variable", "number_variable": "contact.mobile"})
    assert await callback_request.execute(params, ctx) == "done"
    assert ctx.services.callbacks == [("t1", "call-1", "79035550000", None)]


@pytest.mark.parametrize(("source", "variables"), [
    ({}, {"call": {"caller": "anonymous"}}),
    ({}, {"call": {}}),
    ({"number_source": "variable", "number_variable": "flow.phone"}, {"flow": {"phone": "  "}}),
    ({"number_source": "variable", "number_variable": "flow.phone"}, {}),
])
async def test_callback_request_without_a_number_is_a_node_error(make_ctx, source, variables):
    ctx = make_ctx(**variables)
    with pytest.raises(NodeError, match="No number to call back"):
        await callback_request.execute(CallbackRequestNode.model_validate(source), ctx)
    assert ctx.services.callbacks == []
