"""A speech service over HTTP: how a cloud engine plugs in by configuration alone."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from flow_runtime.tts.engine import TtsEngine
from flow_runtime.tts.errors import TtsError

DEFAULT_MAX_AUDIO_BYTES = 20 * 1024 * 1024
# sox reads most formats from their header; these it recognises only by the file name's extension.
_EXTENSIONS = {"audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/ogg": ".ogg", "audio/flac": ".flac"}


class HttpTtsEngine(TtsEngine):
    """POSTs ``{"text", "language", "voice"}`` as JSON to ``url`` (with ``Authorization: Bearer <api_key>``
    when a key is given) and takes the response body as the audio, in any format sox reads.

    ``voice`` is null when the flow names none: the service picks its default for the language. A vendor
    whose API looks different gets a small subclass overriding ``_build_request``.
    """

    name = "http"
    default_voices = {"ru": "", "en": ""}  # empty: the service's own default

    def __init__(self, *args: Any, url: str, api_key: str | None = None,
                 max_audio_bytes: int = DEFAULT_MAX_AUDIO_BYTES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.url = url
        self.api_key = api_key
        self.max_audio_bytes = max_audio_bytes

    @property
    def cache_identity(self) -> str:
        return f"{self.name} {self.url}"  # two services speak differently

    def _build_request(self, client: httpx.AsyncClient, text: str, language: str, voice: str) -> httpx.Request:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {"text": text, "language": language, "voice": voice or None}
        return client.build_request("POST", self.url, json=body, headers=headers)

    async def _speak(self, text: str, language: str, voice: str, workdir: Path) -> Path:
        try:
            # httpx times each read; the overall bound also stops a service that trickles bytes forever.
            async with asyncio.timeout(self.timeout_seconds), httpx.AsyncClient(timeout=self.timeout_seconds) as client:
                response = await client.send(self._build_request(client, text, language, voice), stream=True)
                try:
                    audio = await self._read_audio(response)
                finally:
                    await response.aclose()
        except (httpx.HTTPError, TimeoutError) as exc:
            raise TtsError(f"The speech service at {self.url} did not answer: {exc!r}") from None
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        speech = workdir / f"speech{_EXTENSIONS.get(content_type, '')}"
        speech.write_bytes(audio)
        return speech

    async def _read_audio(self, response: httpx.Response) -> bytes:
        if response.status_code != 200:
            raise TtsError(f"The speech service at {self.url} answered {response.status_code}")
        audio = bytearray()
        async for chunk in response.aiter_bytes():
            audio += chunk
            if len(audio) > self.max_audio_bytes:
                raise TtsError(f"The speech service sent more than {self.max_audio_bytes} bytes of audio")
        if not audio:
            raise TtsError(f"The speech service at {self.url} sent no audio")
        return bytes(audio)
