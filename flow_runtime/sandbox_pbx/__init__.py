"""Sandbox PBX: a loopback server that speaks Asterisk 22's ARI (REST + events WebSocket) with simulated
calls, plus a /sandbox control API to place test calls and follow them. See docs/sandbox-pbx.md."""

from .client import SandboxControl
from .config import SandboxConfig
from .pbx import SandboxPbx
from .server import RunningSandbox, create_app, run_sandbox_pbx

__all__ = ["RunningSandbox", "SandboxConfig", "SandboxControl", "SandboxPbx", "create_app", "run_sandbox_pbx"]
