"""The sandbox's ARI surface is a subset of Asterisk 22.10.1's documented API (shared/ari-api-docs), and
the copy of those documents it ships and serves is Asterisk's own."""

from __future__ import annotations

import json
import re
import typing

import msgspec
import pytest

from tests.sandbox_pbx.conftest import SHARED
from flow_runtime.sandbox_pbx import SandboxConfig, create_app
from flow_runtime.sandbox_pbx.api.docs import API_DOCS_DIR

DOCS = SHARED / "ari-api-docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason=f"{DOCS} is not available")


def template(path: str) -> str:
    """``/channels/{channelId}`` and ``/ari/channels/{channel_id:str}`` both become ``/channels/{}``."""
    return re.sub(r"\{[^}]*\}", "{}", path.removeprefix("/ari"))


def documented_operations() -> dict[tuple[str, str], dict[str, set[str]]]:
    operations = {}
    for path in DOCS.glob("*.json"):
        for api in json.loads(path.read_text()).get("apis", []):
            for operation in api.get("operations", []):
                parameters: dict[str, set[str]] = {"path": set(), "query": set(), "body": set()}
                for parameter in operation.get("parameters", []):
                    parameters[parameter["paramType"]].add(parameter["name"])
                operations[(operation["httpMethod"], template(api["path"]))] = parameters
    return operations


def body_fields(handler) -> set[str]:
    data = handler.parsed_fn_signature.parameters.get("data")
    if data is None:
        return set()
    body_type = next(arg for arg in typing.get_args(data.annotation) or (data.annotation,) if arg is not type(None))
    return {field.encode_name for field in msgspec.structs.fields(body_type)}


def served_operations() -> dict[tuple[str, str], dict[str, set[str]]]:
    """What the sandbox accepts on each ARI route, read from Litestar's own parameter model."""
    operations = {}
    for route in create_app(SandboxConfig()).routes:
        if not route.path.startswith("/ari/") or route.path.startswith("/ari/api-docs/"):
            continue  # the documents themselves are not an operation they describe
        if hasattr(route, "route_handler_map"):
            handlers = {method: handler for method, handler in route.route_handler_map.items() if method != "OPTIONS"}
        else:  # the events WebSocket: a GET upgraded to a WebSocket
            handlers = {"GET": (route.route_handler, route.handler_parameter_model)}
        for method, (handler, kwargs) in handlers.items():
            operations[(method, template(route.path))] = {
                "path": {parameter.field_alias for parameter in kwargs.expected_path_params},
                "query": {parameter.field_alias for parameter in kwargs.expected_query_params},
                "body": body_fields(handler)}
    return operations


def test_every_served_route_and_parameter_is_documented():
    documented = documented_operations()
    served = served_operations()
    assert len(served) > 30
    undocumented = sorted(set(served) - set(documented))
    assert not undocumented, f"routes Asterisk does not have: {undocumented}"
    for operation, parameters in served.items():
        for kind in ("query", "body"):
            extra = parameters[kind] - documented[operation][kind]
            assert not extra, f"{operation} accepts undocumented {kind} parameters {extra}"
        assert len(parameters["path"]) == len(documented[operation]["path"]), operation


def test_the_vendored_documents_are_asterisks():
    shared = sorted(path.name for path in DOCS.glob("*.json"))
    assert sorted(path.name for path in API_DOCS_DIR.glob("*.json")) == shared
    for name in shared:
        assert (API_DOCS_DIR / name).read_bytes() == (DOCS / name).read_bytes(), name


@pytest.mark.parametrize("name", ["resources", "channels", "events"])
async def test_served_documents_differ_only_in_base_path(sandbox, ari, name):
    response = await ari.get(f"/api-docs/{name}.json")
    served = response.json()
    assert served.pop("basePath") == sandbox.ari_url
    original = json.loads((DOCS / f"{name}.json").read_text())
    original.pop("basePath")
    assert served == original
