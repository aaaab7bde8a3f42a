"""Test calls the editor's simulator places into a flow's draft: the hand-over between the API and the
runtime (a random id in the Stasis arguments, the details in Redis)."""

from __future__ import annotations

SIMULATION_ARG = "simulate"
SIMULATION_TTL_SECONDS = 600
# The runtime sets this channel variable to the id of the node it runs, so the simulator can follow.
CURRENT_NODE_VARIABLE = "VOXFLOW_NODE"


def simulation_key(simulation_id: str) -> str:
    return f"simulation:{simulation_id}"
