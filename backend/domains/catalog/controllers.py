from __future__ import annotations

from typing import Any

from litestar import Controller, get

from backend.security.guards import SELF
from flow_runtime.nodes.registry import catalog


class NodeTypeController(Controller):
    path = "/api/node-types"
    tags = ["flows"]
    opt = SELF

    @get("/", operation_id="listNodeTypes",
         description="Every node type: JSON Schema of its parameters, output rule, ru/en titles, category, "
                     "icon. The editor builds its palette and forms from this.")
    async def node_types(self) -> list[dict[str, Any]]:
        return catalog()
