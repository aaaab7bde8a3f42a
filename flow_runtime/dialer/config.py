"""The dialer's settings: defaults for production, every one overridable from the environment
(``VOXFLOW_DIALER_*``, see docs/dialer.md) and by tests."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from flow_runtime.dialer.clock import Clock, SystemClock
from flow_runtime.dialer.pacing import parse_trunk_limits
from flow_runtime.dialer.schedule import Limits


@dataclass
class DialerConfig:
    clock: Clock = field(default_factory=SystemClock)
    lease_seconds: float = 30.0  # a claimed contact's lease; renewed every third of it while the call lives
    tick_seconds: float = 0.05  # claim rounds while there is due work
    refresh_seconds: float = 2.0  # campaigns are re-read from the database at least this often
    batch: int = 50  # contacts claimed per campaign per round at most
    max_calls: int = 2000  # live attempts this process drives at most
    rebuild_seconds: int = 600  # a campaign's schedule is rebuilt from the database this often (by one process)
    answer_grace_seconds: float = 5.0  # waited beyond the ring timeout for the PBX to report the outcome
    default_trunk: str = "trunk"  # for campaigns that name no trunk
    trunk_limits: dict[str, Limits] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "DialerConfig":
        config = cls()
        numbers = {"LEASE_SECONDS": "lease_seconds", "TICK_SECONDS": "tick_seconds",
                   "REFRESH_SECONDS": "refresh_seconds", "MAX_CALLS": "max_calls", "BATCH": "batch"}
        for suffix, name in numbers.items():
            value = env.get(f"VOXFLOW_DIALER_{suffix}")
            if value:
                setattr(config, name, type(getattr(config, name))(value))
        config.default_trunk = env.get("VOXFLOW_DIALER_DEFAULT_TRUNK") or config.default_trunk
        config.trunk_limits = parse_trunk_limits(env.get("VOXFLOW_DIALER_TRUNK_LIMITS", ""))
        return config


def enabled_in(env: Mapping[str, str] = os.environ) -> bool:
    """``VOXFLOW_DIALER=off`` runs a runtime process without the dialer (inbound calls only)."""
    return env.get("VOXFLOW_DIALER", "on").strip().lower() not in ("off", "0", "false", "no")


def endpoint_for(trunk: str, number: str, default_trunk: str) -> str:
    """``PJSIP/<number>@<trunk>``; a trunk written with ``{number}`` is a dial string template instead
    (e.g. ``Local/{number}@outbound``)."""
    trunk = trunk or default_trunk
    if "{number}" in trunk:
        return trunk.replace("{number}", number)
    return f"PJSIP/{number}@{trunk}"
