"""Engines by name, so the configuration picks one and executors never name a class."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flow_runtime.tts.cache import DEFAULT_FILE_MODE, PromptCache
from flow_runtime.tts.engine import TtsEngine
from flow_runtime.tts.errors import TtsError
from flow_runtime.tts.espeak import EspeakEngine
from flow_runtime.tts.festival import FestivalEngine
from flow_runtime.tts.http_engine import HttpTtsEngine

# A new engine: a TtsEngine subclass implementing `_speak`, added here under the name the setting uses.
ENGINES: dict[str, type[TtsEngine]] = {
    EspeakEngine.name: EspeakEngine,
    FestivalEngine.name: FestivalEngine,
    HttpTtsEngine.name: HttpTtsEngine,
}
DEFAULT_ENGINE = EspeakEngine.name


def build_tts_engine(name: str = DEFAULT_ENGINE, *, cache_dir: Path, cache_max_bytes: int,
                     cache_file_mode: int = DEFAULT_FILE_MODE, **options: Any) -> TtsEngine:
    """The engine called ``name`` with a cache under ``cache_dir``; ``options`` go to its constructor
    (``timeout_seconds``, ``max_text_length``, and the engine's own, e.g. ``url``/``api_key`` for "http").
    ``cache_file_mode``: 0o640 lets Asterisk read prompts through a shared group; 0o644 when it cannot."""
    engine_class = ENGINES.get(name)
    if engine_class is None:
        raise TtsError(f"Unknown TTS engine {name!r}; known: {', '.join(sorted(ENGINES))}")
    return engine_class(PromptCache(cache_dir, cache_max_bytes, file_mode=cache_file_mode), **options)
