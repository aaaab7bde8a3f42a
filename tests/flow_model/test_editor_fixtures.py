"""The editor's unit tests run against a saved copy of the node catalog and of Python's output rule
results; these must not drift from the declarations (regenerate: frontend/src/test/make_fixtures.py)."""

import json
from pathlib import Path

from flow_runtime.nodes.registry import catalog

FIXTURES = Path(__file__).resolve().parents[2] / "frontend" / "src" / "test"


def test_editor_catalog_fixture_matches_the_declarations():
    saved = json.loads((FIXTURES / "catalog.fixture.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(catalog(), ensure_ascii=False)), \
        "run .venv/bin/python frontend/src/test/make_fixtures.py"
