"""Speech synthesis for prompts: text in Russian or English → cached 8 kHz WAV files Asterisk plays.

    engine = build_tts_engine("espeak", cache_dir=data_dir / "tts", cache_max_bytes=512 * 2**20)
    path = await engine.synthesize("Здравствуйте!", "ru")
    await channel.play(media_uri(path))        # "sound:/…/tts/<sha256>"
"""

from flow_runtime.tts.audio import estimated_duration, media_uri
from flow_runtime.tts.cache import PromptCache
from flow_runtime.tts.engine import LANGUAGES, TtsEngine
from flow_runtime.tts.errors import TtsError
from flow_runtime.tts.espeak import EspeakEngine
from flow_runtime.tts.festival import FestivalEngine
from flow_runtime.tts.http_engine import HttpTtsEngine
from flow_runtime.tts.registry import DEFAULT_ENGINE, ENGINES, build_tts_engine

__all__ = [
    "DEFAULT_ENGINE", "ENGINES", "LANGUAGES", "EspeakEngine", "FestivalEngine", "HttpTtsEngine", "PromptCache",
    "TtsEngine", "TtsError", "build_tts_engine", "estimated_duration", "media_uri",
]
