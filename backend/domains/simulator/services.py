"""Test calls into a flow's draft through the sandbox PBX, for the editor's simulator panel.

The simulation (tenant, flow, contact variables) is handed to the runtime through Redis under a random
id that rides in the Stasis arguments; the channel is then remembered as the tenant's, so no other tenant
can follow, press keys in or hang up that call."""

from __future__ import annotations

import base64
import json
import secrets

import httpx
from backend.context import AppContext
from backend.domains.flows.services import FlowInvalid, FlowService, issues_as_dicts
from backend.errors import AppError, NotFound
from backend.repository import TenantScope
from flow_runtime.graph import FlowGraph
from flow_runtime.simulation import SIMULATION_ARG, SIMULATION_TTL_SECONDS, simulation_key
from flow_runtime.validation import has_errors

CHANNEL_TTL_SECONDS = 3600


class SimulatorUnavailable(AppError):
    status = 503
    code = "simulator.unavailable"
    title = "The simulator needs the sandbox PBX"


class Simulator:
    def __init__(self, ctx: AppContext, tenant_scope: TenantScope) -> None:
        self.ctx = ctx
        self.scope = tenant_scope
        settings = ctx.settings
        if not (settings.ari_sandbox and settings.ari_url and settings.ari_password):
            raise SimulatorUnavailable("Test calls run on the sandbox PBX; this installation uses a real Asterisk.")
        self.sandbox_url = settings.ari_url.rstrip("/")
        self.auth = (settings.ari_user or "voxflow", settings.ari_password.get_secret_value())

    @staticmethod
    def _owner_key(channel_id: str) -> str:
        return f"simulator_channel:{channel_id}"

    async def _sandbox(self, method: str, path: str, body: dict | None = None) -> dict:
        async with httpx.AsyncClient(base_url=self.sandbox_url, auth=self.auth, timeout=10) as client:
            response = await client.request(method, f"/sandbox{path}", json=body)
        if response.status_code == 404:
            raise NotFound("That test call is over or unknown.", code="simulator.call_not_found")
        if response.status_code >= 400:
            raise SimulatorUnavailable(f"The sandbox PBX refused: {response.text[:200]}")
        return response.json() if response.content else {}

    async def start(self, flows: FlowService, flow_id: str, caller: str, variables: dict[str, str]) -> str:
        """Places a test call into the flow's draft, which must have no errors."""
        flow = await flows.get(flow_id)
        issues = await flows.validate(FlowGraph.model_validate(flow.draft), flow_id)
        if has_errors(issues):
            raise FlowInvalid("Fix the errors before a test call.", extra={"issues": issues_as_dicts(issues)})
        simulation_id = secrets.token_urlsafe(12)
        await self.ctx.redis.set(simulation_key(simulation_id), json.dumps(
            {"tenant_id": self.scope.tenant_id, "flow_id": flow_id, "variables": variables}), ex=SIMULATION_TTL_SECONDS)
        placed = await self._sandbox("POST", "/calls", {
            "dialed_number": "simulator", "caller_number": caller, "app": self.ctx.settings.ari_app,
            "args": [SIMULATION_ARG, simulation_id]})
        await self.ctx.redis.set(self._owner_key(placed["channel_id"]), self.scope.tenant_id, ex=CHANNEL_TTL_SECONDS)
        return placed["channel_id"]

    async def check_owner(self, channel_id: str) -> None:
        owner = await self.ctx.redis.get(self._owner_key(channel_id))
        if owner is None or owner.decode() != self.scope.tenant_id:
            raise NotFound("That test call is over or unknown.", code="simulator.call_not_found")

    async def get(self, channel_id: str) -> dict:
        await self.check_owner(channel_id)
        return await self._sandbox("GET", f"/calls/{channel_id}")

    async def press(self, channel_id: str, digits: str) -> None:
        await self.check_owner(channel_id)
        await self._sandbox("POST", f"/calls/{channel_id}/dtmf", {"digits": digits})

    async def hang_up(self, channel_id: str) -> None:
        await self.check_owner(channel_id)
        await self._sandbox("POST", f"/calls/{channel_id}/hangup", {"cause": 16})

    def basic_auth(self) -> str:
        return "Basic " + base64.b64encode(f"{self.auth[0]}:{self.auth[1]}".encode()).decode()

    def events_url(self, channel_id: str) -> str:
        base = self.sandbox_url.replace("http://", "ws://", 1)
        return f"{base}/sandbox/events?channel_id={channel_id}"
