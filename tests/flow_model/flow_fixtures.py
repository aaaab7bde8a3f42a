"""Shared helpers for the flow model tests: fixture files and their reference indexes."""

import json
from pathlib import Path
from typing import Any

from flow_runtime.validation import ReferenceIndex

FIXTURES = Path(__file__).parent / "fixtures"
GOOD_FIXTURES = sorted((FIXTURES / "good").glob("*.json"))
BAD_FIXTURES = sorted((FIXTURES / "bad").glob("*.json"))


def load_fixture(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def fixture_refs(fixture: dict[str, Any]) -> ReferenceIndex | None:
    if "refs" not in fixture:
        return None
    return ReferenceIndex(**{kind: frozenset(ids) for kind, ids in fixture["refs"].items()})
