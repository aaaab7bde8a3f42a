"""Speech synthesis with the real espeak-ng and sox: the files Asterisk gets, the cache, the HTTP engine."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import threading
import time
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flow_runtime.tts import (
    EspeakEngine, FestivalEngine, HttpTtsEngine, PromptCache, TtsError, build_tts_engine, estimated_duration,
    media_uri,
)

RUSSIAN = "Здравствуйте! Ваша задолженность 1500 рублей."
ENGLISH = "Hello! Your balance is 1500 dollars."
LARGE = 10**9


def soxi(path: Path) -> dict[str, str]:
    """What sox itself reads in the file's header: rate, channels, bits, duration."""
    flags = {"rate": "-r", "channels": "-c", "bits": "-b", "duration": "-D", "encoding": "-e"}
    return {name: subprocess.run(["soxi", flag, str(path)], check=True, capture_output=True, text=True).stdout.strip()
            for name, flag in flags.items()}


def assert_telephony_wav(path: Path) -> None:
    header = soxi(path)
    assert path.suffix == ".wav"
    assert (header["rate"], header["channels"], header["bits"]) == ("8000", "1", "16")
    assert header["encoding"] == "Signed Integer PCM"
    assert float(header["duration"]) > 1.0
    assert estimated_duration(path) == pytest.approx(float(header["duration"]), abs=0.01)


@pytest.fixture
def engine(tmp_path) -> EspeakEngine:
    return EspeakEngine(PromptCache(tmp_path / "tts", LARGE))


def cached_files(directory: Path) -> list[Path]:
    return sorted(directory.iterdir())


@pytest.mark.parametrize(("text", "language"), [(RUSSIAN, "ru"), (ENGLISH, "en")])
async def test_speaks_text_as_8khz_mono_16bit_wav(engine, text, language):
    path = await engine.synthesize(text, language)
    assert_telephony_wav(path)
    assert path.parent == engine.cache.directory
    assert path.stat().st_mode & 0o777 == 0o640  # personal data: not world-readable


async def test_russian_is_spoken_not_spelled_as_unknown_characters(engine):
    # Read as 8-bit text, these 46 characters become ~90 bytes spelled one by one (over 20 s); as UTF-8 they
    # are a sentence of about 4 s.
    path = await engine.synthesize(RUSSIAN, "ru")
    assert 2.5 < estimated_duration(path) < 8


async def test_the_same_request_again_is_served_from_the_cache(engine):
    first = await engine.synthesize(RUSSIAN, "ru")
    inode = first.stat().st_ino
    again = await engine.synthesize(f"  {RUSSIAN}\n", "ru", None)  # surrounding blanks do not change the speech
    assert again == first
    assert again.stat().st_ino == inode  # the file was not written again
    assert engine.syntheses == 1


async def test_a_cached_file_deleted_from_outside_is_synthesised_again(engine):
    path = await engine.synthesize(ENGLISH, "en")
    path.unlink()
    assert await engine.synthesize(ENGLISH, "en") == path
    assert_telephony_wav(path)
    assert engine.syntheses == 2
    assert engine.cache.total_bytes == path.stat().st_size


async def test_voice_text_and_language_each_make_their_own_file(engine):
    paths = {
        await engine.synthesize(ENGLISH, "en"),
        await engine.synthesize(ENGLISH, "en", "en-gb"),
        await engine.synthesize("Goodbye!", "en"),
        await engine.synthesize(ENGLISH, "ru"),
    }
    assert len(paths) == 4
    assert engine.syntheses == 4
    assert len(cached_files(engine.cache.directory)) == 4


async def test_eviction_keeps_the_cache_under_its_bound_dropping_the_least_recently_used(tmp_path):
    texts = ["One.", "Two.", "Three."]
    sizes = [(await EspeakEngine(PromptCache(tmp_path / "sizes", LARGE)).synthesize(text, "en")).stat().st_size
             for text in texts]
    bound = sum(sizes) - 1  # all three do not fit; any two do
    engine = EspeakEngine(PromptCache(tmp_path / "tts", bound))
    one = await engine.synthesize("One.", "en")
    two = await engine.synthesize("Two.", "en")
    await engine.synthesize("One.", "en")  # used again: now "Two." is the least recently used
    three = await engine.synthesize("Three.", "en")
    assert cached_files(engine.cache.directory) == sorted([one, three])
    assert not two.exists()
    on_disk = sum(path.stat().st_size for path in cached_files(engine.cache.directory))
    assert on_disk == engine.cache.total_bytes <= bound


async def test_a_restarted_cache_finds_its_files_and_drops_half_written_ones(tmp_path):
    directory = tmp_path / "tts"
    path = await EspeakEngine(PromptCache(directory, LARGE)).synthesize(RUSSIAN, "ru")
    leftover = directory / f".{path.stem}.dead.partial.wav"
    leftover.write_bytes(b"RIFF")
    restarted = EspeakEngine(PromptCache(directory, LARGE))
    assert not leftover.exists()
    assert restarted.cache.total_bytes == path.stat().st_size
    assert await restarted.synthesize(RUSSIAN, "ru") == path
    assert restarted.syntheses == 0


async def test_a_smaller_bound_on_restart_evicts_the_oldest_files(tmp_path):
    directory = tmp_path / "tts"
    engine = EspeakEngine(PromptCache(directory, LARGE))
    older = await engine.synthesize("Older.", "en")
    newer = await engine.synthesize("Newer.", "en")
    older_time = time.time() - 60  # mtimes order the files on start
    os.utime(older, (older_time, older_time))
    PromptCache(directory, newer.stat().st_size)
    assert cached_files(directory) == [newer]


async def test_ten_concurrent_identical_requests_synthesise_once(engine):
    paths = await asyncio.gather(*(engine.synthesize(RUSSIAN, "ru") for _ in range(10)))
    assert len(set(paths)) == 1
    assert engine.syntheses == 1
    assert cached_files(engine.cache.directory) == [paths[0]]


async def test_a_waiter_giving_up_does_not_cancel_the_synthesis_others_wait_for(engine):
    quitter = asyncio.create_task(engine.synthesize(RUSSIAN, "ru"))
    stayer = asyncio.create_task(engine.synthesize(RUSSIAN, "ru"))
    await asyncio.sleep(0)
    quitter.cancel()
    assert_telephony_wav(await stayer)
    assert engine.syntheses == 1


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), ("  \n\t ", "empty"), ("а" * 2001, "2001 characters long; at most 2000"),
])
async def test_empty_or_over_long_text_is_refused_before_any_synthesis(engine, text, message):
    with pytest.raises(TtsError, match=message):
        await engine.synthesize(text, "ru")
    assert engine.syntheses == 0


async def test_the_longest_allowed_text_is_spoken(tmp_path):
    text = "Раз два три четыре пять шесть семь восемь"
    engine = EspeakEngine(PromptCache(tmp_path, LARGE), max_text_length=len(text))
    assert_telephony_wav(await engine.synthesize(text, "ru"))


@pytest.mark.parametrize(("language", "voice", "message"), [
    ("de", None, "Unsupported language 'de'"),
    ("ru", "-w/etc/passwd", "Invalid voice name"),
    ("en", "kal) (system \"id\"", "Invalid voice name"),
])
async def test_unknown_language_or_unsafe_voice_is_refused(engine, language, voice, message):
    with pytest.raises(TtsError, match=message):
        await engine.synthesize(ENGLISH, language, voice)
    assert engine.syntheses == 0


async def test_a_failing_synthesis_says_why_and_leaves_no_file(engine):
    with pytest.raises(TtsError, match="espeak-ng failed .*voice does not exist"):
        await engine.synthesize(ENGLISH, "en", "zz-nonexistent")
    assert cached_files(engine.cache.directory) == []
    assert_telephony_wav(await engine.synthesize(ENGLISH, "en"))  # the engine still works afterwards


def test_media_uri_is_the_absolute_path_without_extension(tmp_path):
    assert media_uri(tmp_path / "prompts" / "abc.wav") == f"sound:{tmp_path}/prompts/abc"
    with pytest.raises(ValueError):
        media_uri(tmp_path / "abc.mp3")


async def test_build_tts_engine_picks_engines_by_name(tmp_path):
    espeak = build_tts_engine(cache_dir=tmp_path / "a", cache_max_bytes=1000, cache_file_mode=0o644)
    assert isinstance(espeak, EspeakEngine)
    assert espeak.cache.max_bytes == 1000
    assert (await espeak.synthesize(ENGLISH, "en")).stat().st_mode & 0o777 == 0o644  # Asterisk in no shared group
    http = build_tts_engine("http", cache_dir=tmp_path / "b", cache_max_bytes=1000, url="http://tts.local/", api_key="k")
    assert isinstance(http, HttpTtsEngine) and http.url == "http://tts.local/"
    with pytest.raises(TtsError, match="Unknown TTS engine 'polly'; known: espeak, festival, http"):
        build_tts_engine("polly", cache_dir=tmp_path / "c", cache_max_bytes=1000)


@pytest.mark.skipif(shutil.which("text2wave") is None, reason="festival (text2wave) is not installed")
async def test_festival_speaks_english(tmp_path):
    engine = FestivalEngine(PromptCache(tmp_path, LARGE))
    assert_telephony_wav(await engine.synthesize(ENGLISH, "en"))


# A speech service: answers /speak with a 16 kHz stereo WAV, /broken with 503, /slow after a long pause.
class SpeechService(BaseHTTPRequestHandler):
    requests: list[tuple[str, dict[str, str], dict]] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append((self.path, dict(self.headers), body))
        if self.path == "/slow":
            time.sleep(1.5)
        status, audio = (503, b"") if self.path == "/broken" else (200, self.server.audio)
        self.send_response(status)
        self.send_header("Content-Type", "audio/wav")
        self.send_header("Content-Length", str(len(audio)))
        self.end_headers()
        self.wfile.write(audio)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def speech_service(tmp_path_factory):
    sample = tmp_path_factory.mktemp("service") / "studio.wav"
    with wave.open(str(sample), "wb") as wav:  # 1.5 s of a rising tone, studio format
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"".join(((i * 37) % 20000 - 10000).to_bytes(2, "little", signed=True) * 2
                                 for i in range(24000)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), SpeechService)
    server.audio = sample.read_bytes()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_http_engine_posts_the_request_and_converts_the_answer(tmp_path, speech_service):
    SpeechService.requests.clear()
    engine = HttpTtsEngine(PromptCache(tmp_path, LARGE), url=f"{speech_service}/speak", api_key="key-1")
    path = await engine.synthesize(RUSSIAN, "ru", "alena")
    assert_telephony_wav(path)
    assert await engine.synthesize(RUSSIAN, "ru") != path  # the service's default voice is another voice
    (_, headers, body), (_, _, default_voice_body) = SpeechService.requests
    assert body == {"text": RUSSIAN, "language": "ru", "voice": "alena"}
    assert headers["Authorization"] == "Bearer key-1"
    assert default_voice_body["voice"] is None


async def test_http_engine_reports_a_failing_or_silent_service(tmp_path, speech_service):
    broken = HttpTtsEngine(PromptCache(tmp_path / "a", LARGE), url=f"{speech_service}/broken")
    with pytest.raises(TtsError, match="answered 503"):
        await broken.synthesize(ENGLISH, "en")
    slow = HttpTtsEngine(PromptCache(tmp_path / "b", LARGE), url=f"{speech_service}/slow", timeout_seconds=0.3)
    with pytest.raises(TtsError, match="did not answer"):
        await slow.synthesize(ENGLISH, "en")
    assert cached_files(tmp_path / "a") == cached_files(tmp_path / "b") == []
