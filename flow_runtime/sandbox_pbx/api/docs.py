"""/ari/api-docs: Asterisk 22's own Swagger 1.1 description, vendored in ../api_docs.

Clients such as asyncari build themselves from these documents, so they are served unchanged except
for ``basePath``, which Asterisk rewrites to the address the client used (res/res_ari.c)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from litestar import Request, Router, get
from litestar.params import FromPath

from ..errors import AriError

API_DOCS_DIR = Path(__file__).resolve().parent.parent / "api_docs"


@cache
def _load(name: str) -> dict | None:
    path = API_DOCS_DIR / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None


@get("/{file_name:str}")
async def api_doc(request: Request, file_name: FromPath[str]) -> dict:
    name, dot, extension = file_name.rpartition(".")
    document = _load(name) if dot and extension == "json" and name.isidentifier() else None
    if document is None:
        raise AriError(404, "Resource not found")
    return {**document, "basePath": f"http://{request.headers.get('host', 'localhost')}/ari"}


api_docs_router = Router("/ari/api-docs", route_handlers=[api_doc])
