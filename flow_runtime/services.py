"""The runtime's implementation of the services executors reach through their context."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import httpx

from flow_runtime.call_records import CallbackRequest
from flow_runtime.context import HttpResponse, NodeError, TenantInfo
from flow_runtime.graph import FlowGraph
from flow_runtime.http_guard import GuardedHttpClient
from flow_runtime.media_paths import AUDIO_WAV, audio_folder, recordings_folder
from flow_runtime.routing import load_published_flow
from flow_runtime.telephony.port import TelephonyError
from flow_runtime.tts.audio import estimated_duration, media_uri
from flow_runtime.tts.engine import TtsEngine
from flow_runtime.tts.errors import TtsError
from tenants.documents import utcnow


class SandboxMediaRegistry:
    """Tells the sandbox PBX what a synthesised prompt says and how long it lasts, so its transcript (and the
    editor's simulator) shows the text; unused against a real Asterisk."""

    def __init__(self, control_url: str, auth: tuple[str, str]) -> None:
        self._client = httpx.AsyncClient(base_url=control_url, auth=auth, timeout=5)
        self._known: set[str] = set()

    async def register(self, uri: str, text: str, duration: float) -> None:
        if uri not in self._known:
            await self._client.post("/sandbox/media", json={"media_uri": uri, "text": text,
                                                            "duration_seconds": duration})
            self._known.add(uri)

    async def close(self) -> None:
        await self._client.aclose()


class RuntimeServicesImpl:
    def __init__(self, *, data_dir: Path, tts: TtsEngine, http: GuardedHttpClient, ari_rest,
                 media_registry: SandboxMediaRegistry | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.tts = tts
        self.http = http
        self._ari_rest = ari_rest  # for fetching finished recordings from Asterisk
        self._media_registry = media_registry
        self._audio_uris: dict[tuple[str, str], str] = {}  # (tenant, asset) → URI: a path per prompt is costly

    def now(self) -> datetime:
        return utcnow()

    async def speak(self, text: str, language: str, voice: str | None) -> str:
        try:
            path = await self.tts.synthesize(text, language, voice)
        except TtsError as exc:
            raise NodeError(f"speech synthesis failed: {exc}") from None
        uri = media_uri(path)
        if self._media_registry is not None:
            await self._media_registry.register(uri, text, estimated_duration(path))
        return uri

    def audio_media(self, tenant_id: str, audio_id: str) -> str:
        key = (tenant_id, audio_id)
        uri = self._audio_uris.get(key)
        if uri is None:
            uri = self._audio_uris[key] = media_uri(audio_folder(self.data_dir, tenant_id, audio_id) / AUDIO_WAV)
        return uri

    async def http_request(self, tenant: TenantInfo, method: str, url: str, headers: dict[str, str],
                           body: str | None, timeout: float) -> HttpResponse:
        return await self.http.request(tenant, method, url, headers, body, timeout)

    async def file_callback(self, tenant: TenantInfo, call_id: str, number: str, note: str | None) -> None:
        await CallbackRequest(tenant_id=tenant.id, number=number, note=note, call_id=call_id).insert()

    async def load_subflow(self, tenant: TenantInfo, flow_id: str) -> FlowGraph:
        loaded = await load_published_flow(tenant.id, flow_id)
        if loaded is None:
            raise NodeError(f"the subflow {flow_id} has no published version")
        return loaded[1]

    async def save_recording(self, tenant: TenantInfo, call_id: str, name: str) -> str:
        folder = recordings_folder(self.data_dir, tenant.id)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            audio = await self._ari_rest.download(f"/recordings/stored/{name}/file")
        except TelephonyError as exc:
            raise NodeError(f"the recording could not be fetched: {exc}") from None
        (folder / f"{name}.wav").write_bytes(audio)
        return name
