"""The API serves the built editor at / with its own routes falling back to index.html, and keeps
unknown /api paths as API errors."""

import pytest

from backend.domains.web import controllers as web
from tests.conftest import assert_problem


@pytest.fixture
def built_editor(tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log('editor')")
    monkeypatch.setattr(web, "FRONTEND_DIST", tmp_path)
    return tmp_path


async def test_index_assets_and_client_routes(api, built_editor):
    client = api()
    index = await client.get("/")
    assert index.status_code == 200 and "id=root" in index.text
    assert index.headers["content-type"].startswith("text/html") and "no-cache" in index.headers["cache-control"]
    asset = await client.get("/assets/app-1a2b.js")
    assert asset.text == "console.log('editor')" and "immutable" in asset.headers["cache-control"]
    assert "javascript" in asset.headers["content-type"]
    deep = await client.get("/flows/123/edit")
    assert deep.status_code == 200 and "id=root" in deep.text


async def test_no_path_escapes_the_build_folder(api, built_editor):
    (built_editor.parent / "secret.txt").write_text("secret")
    response = await api().get("/..%2Fsecret.txt")
    assert "secret" not in response.text


async def test_unknown_api_paths_stay_api_errors(api, built_editor):
    assert_problem(await api().get("/api/no-such-thing"), 404, "not_found")
