"""A small client of the /sandbox control API, for tests, benchmarks and the launcher."""

from __future__ import annotations

from typing import Any

import httpx

from . import causes
from .pbx import DTMF_DURATION_MS, DTMF_GAP_MS


class SandboxControl:
    """``async with SandboxControl(url, user, password) as sandbox: await sandbox.place_call("100")``"""

    def __init__(self, base_url: str, user: str, password: str) -> None:
        self.http = httpx.AsyncClient(base_url=f"{base_url.rstrip('/')}/sandbox", auth=(user, password))

    async def __aenter__(self) -> SandboxControl:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.http.aclose()

    async def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        response = await self.http.request(method, path, json=body)
        response.raise_for_status()
        return response.json() if response.content else None

    async def place_call(self, dialed_number: str, caller_number: str = "", *, caller_name: str = "",
                         app: str | None = None, args: list[str] | None = None,
                         actions: list[dict] | None = None) -> str:
        """Places an inbound call into Stasis and returns its channel id."""
        body = {"dialed_number": dialed_number, "caller_number": caller_number, "caller_name": caller_name,
                "app": app, "args": args or [], "actions": actions or []}
        return (await self._call("POST", "/calls", body))["channel_id"]

    async def press(self, channel_id: str, digits: str, *, gap_ms: int = DTMF_GAP_MS,
                    duration_ms: int = DTMF_DURATION_MS) -> None:
        await self._call("POST", f"/calls/{channel_id}/dtmf",
                         {"digits": digits, "gap_ms": gap_ms, "duration_ms": duration_ms})

    async def hang_up(self, channel_id: str, cause: int = causes.NORMAL_CLEARING) -> None:
        await self._call("POST", f"/calls/{channel_id}/hangup", {"cause": cause})

    async def call(self, channel_id: str) -> dict:
        """Summary and transcript of one call, live or recently ended."""
        return await self._call("GET", f"/calls/{channel_id}")

    async def calls(self) -> dict:
        return await self._call("GET", "/calls")

    async def set_outcomes(self, rules: list[dict], default: dict | None = None) -> dict:
        body: dict[str, Any] = {"rules": rules}
        if default is not None:
            body["default"] = default
        return await self._call("PUT", "/outcomes", body)

    async def register_media(self, media_uri: str, duration_seconds: float | None = None,
                             text: str | None = None) -> None:
        await self._call("POST", "/media", {"media_uri": media_uri, "duration_seconds": duration_seconds,
                                            "text": text})

    async def state(self) -> dict:
        return await self._call("GET", "/state")

    async def reset(self) -> None:
        await self._call("POST", "/reset")
