from __future__ import annotations

import asyncio
import contextlib

import websockets
from litestar import Controller, WebSocket, get, post, websocket
from litestar.di import NamedDependency, Provide
from litestar.exceptions import WebSocketDisconnect
from litestar.params import FromPath, JSONBody

from backend.context import AppContext
from backend.dependencies import WEBSOCKET_DEPENDENCIES
from backend.domains.flows.services import FlowService
from backend.domains.simulator.schemas import DtmfPress, SimulatedCall, SimulatedCallStart
from backend.domains.simulator.services import Simulator
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission


def provide_simulator(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> Simulator:
    return Simulator(ctx, tenant_scope)


class SimulatorController(Controller):
    path = "/api/simulator/calls"
    tags = ["simulator"]
    opt = TENANT
    guards = [requires(Permission.flows_write)]
    dependencies = {"simulator": Provide(provide_simulator, sync_to_thread=False)}

    @post("/", operation_id="startTestCall",
          description="Place a test call into a flow's draft on the sandbox PBX (503 simulator.unavailable with "
                      "a real Asterisk; 422 flow.invalid while the draft has errors). `variables` become "
                      "contact.* for campaign flows.")
    async def start(self, data: JSONBody[SimulatedCallStart], simulator: NamedDependency[Simulator],
                    tenant_scope: NamedDependency[TenantScope]) -> SimulatedCall:
        channel_id = await simulator.start(FlowService(tenant_scope), data.flow_id, data.caller, data.variables)
        return SimulatedCall(channel_id=channel_id)

    @get("/{channel_id:str}", operation_id="getTestCall",
         description="The test call's transcript: what was played (TTS text, files), keys, nodes run.")
    async def get_call(self, channel_id: FromPath[str], simulator: NamedDependency[Simulator]) -> SimulatedCall:
        call = await simulator.get(channel_id)
        return SimulatedCall(channel_id=channel_id, live=call.get("live", False), transcript=call.get("transcript", []))

    @post("/{channel_id:str}/dtmf", operation_id="pressTestCallKeys", status_code=204)
    async def press(self, channel_id: FromPath[str], data: JSONBody[DtmfPress],
                    simulator: NamedDependency[Simulator]) -> None:
        await simulator.press(channel_id, data.digits)

    @post("/{channel_id:str}/hangup", operation_id="hangUpTestCall", status_code=204)
    async def hang_up(self, channel_id: FromPath[str], simulator: NamedDependency[Simulator]) -> None:
        await simulator.hang_up(channel_id)

    @websocket("/{channel_id:str}/events", opt=TENANT, dependencies=WEBSOCKET_DEPENDENCIES)
    async def events(self, socket: WebSocket, channel_id: FromPath[str],
                     simulator: NamedDependency[Simulator]) -> None:
        """Streams the test call's transcript entries as they happen (relayed from the sandbox PBX)."""
        await simulator.check_owner(channel_id)
        await socket.accept()
        async with websockets.connect(simulator.events_url(channel_id), compression=None,
                                      additional_headers={"Authorization": simulator.basic_auth()}) as upstream:
            async def forward() -> None:
                async for frame in upstream:
                    await socket.send_text(frame if isinstance(frame, str) else frame.decode())

            forwarding = asyncio.create_task(forward())
            with contextlib.suppress(WebSocketDisconnect):
                while not forwarding.done():
                    await socket.receive_text()
            forwarding.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await forwarding
