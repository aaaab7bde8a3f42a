"""What every route module shares: the PBX dependency, error rendering, ARI's parameter conventions."""

from __future__ import annotations

import msgspec
from litestar import Request, Response
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.params import FromQuery, QueryParameter

from ..errors import AriError
from ..model import MediaTarget
from ..pbx import SandboxPbx

ARI_ROOT = "/ari"

# Every handler reaches the PBX through this dependency (provided by create_app).
Pbx = NamedDependency[SandboxPbx]


def query(name: str) -> QueryParameter:
    """A query parameter whose ARI name is not a Python name: ``Annotated[str, query("appArgs")]``."""
    return QueryParameter(name=name)


def ari_error_response(_: Request, error: AriError) -> Response:
    return Response({"message": error.message}, status_code=error.status)


# Asterisk's words where Litestar would use the bare HTTP phrase.
_ASTERISK_PHRASES = {"Not Found": "Resource not found", "Method Not Allowed": "Invalid method"}


def http_error_response(_: Request, error: HTTPException) -> Response:
    """Litestar's own refusals (no route, bad parameter) in ARI's ``{"message": ...}`` shape."""
    message = _ASTERISK_PHRASES.get(error.detail, error.detail)
    if isinstance(error, ValidationException) and isinstance(error.extra, list):
        # Each problem as "where: what"; not Litestar's detail, which repeats the URL (and any api_key).
        problems = [f"{item.get('key')}: {item.get('message')}" for item in error.extra
                    if isinstance(item, dict)
                    and item.get("message") != repr(item.get("key"))]  # Litestar's stand-in for an unread body
        if problems:
            message = "Invalid parameters: " + "; ".join(problems)
    return Response({"message": message}, status_code=error.status_code, headers=error.headers)


EXCEPTION_HANDLERS = {AriError: ari_error_response, HTTPException: http_error_response}


def created(location: str, body: dict) -> Response:
    """201 with the Location header Asterisk sets for new playbacks and recordings."""
    return Response(body, status_code=201, headers={"Location": f"{ARI_ROOT}{location}"})


def split_multiple(values: list[str]) -> list[str]:
    """An ``allowMultiple`` parameter may be repeated and each value may hold a comma-separated list."""
    return [item for value in values for item in value.split(",") if item]


class PlayOptions(msgspec.Struct):
    media_uris: list[str]
    language: str | None
    offset_ms: int
    skip_ms: int


async def play_options(media: FromQuery[list[str]], lang: FromQuery[str | None] = None,
                       offsetms: FromQuery[int] = 0, skipms: FromQuery[int] = 3000) -> PlayOptions:
    """The parameters play and play-with-id share, on channels and on bridges."""
    return PlayOptions(split_multiple(media), lang, offsetms, skipms)


PLAY_DEPENDENCIES = {"options": Provide(play_options)}
PlayParameters = NamedDependency[PlayOptions]


def start_playback(pbx: SandboxPbx, target: MediaTarget, playback_id: str | None, options: PlayOptions) -> Response:
    playback = pbx.player.play(target, playback_id=playback_id, media_uris=options.media_uris,
                               language=options.language, offset_ms=options.offset_ms, skip_ms=options.skip_ms)
    return created(f"/playbacks/{playback.id}", playback.to_ari())
