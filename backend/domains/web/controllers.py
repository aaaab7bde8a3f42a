"""Serves the built editor (frontend/dist): its files, and index.html for the editor's own routes."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from litestar import Controller, Response, get
from litestar.params import FromPath
from litestar.response import File

from backend.errors import NotFound
from backend.security.guards import PUBLIC

FRONTEND_DIST = Path(__file__).resolve().parents[3] / "frontend" / "dist"
NOT_BUILT = ("<!doctype html><meta charset=utf-8><title>Voxflow</title><p>The editor is not built yet: "
             "<code>make run</code> builds it (<code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>). "
             "The API is at <a href=/api/docs>/api/docs</a>.")


def _editor_file(relative: str) -> Path | None:
    candidate = (FRONTEND_DIST / relative.lstrip("/")).resolve()
    if candidate.is_relative_to(FRONTEND_DIST) and candidate.is_file():
        return candidate
    return None


class EditorController(Controller):
    opt = PUBLIC
    include_in_schema = False

    @get(["/", "/{path:path}"], sync_to_thread=False)
    def editor(self, path: FromPath[str] = "/") -> Response | File:
        if path.lstrip("/").startswith("api/"):
            raise NotFound("No such API operation.")
        found = _editor_file(path) if path.strip("/") else None
        if found is not None:
            immutable = "/assets/" in path  # Vite names them by content hash
            return _inline(found, "public, max-age=31536000, immutable" if immutable else "no-cache")
        index = FRONTEND_DIST / "index.html"
        if not index.is_file():
            return Response(NOT_BUILT, media_type="text/html")
        return _inline(index, "no-cache")


def _inline(path: Path, cache_control: str) -> File:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return File(path, filename=path.name, media_type=media_type, content_disposition_type="inline",
                headers={"Cache-Control": cache_control})
