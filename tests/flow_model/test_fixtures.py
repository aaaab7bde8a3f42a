"""Every fixture flow: good ones have no issues at all, bad ones exactly the issues they name."""

import pytest

from flow_runtime.graph import FlowGraph
from flow_runtime.validation import ValidationIssue, validate_flow

from .flow_fixtures import BAD_FIXTURES, GOOD_FIXTURES, fixture_refs, load_fixture


def _validate(path):
    fixture = load_fixture(path)
    return fixture, validate_flow(fixture["graph"], fixture_refs(fixture), flow_id=fixture.get("flow_id"))


def _matches(issue: ValidationIssue, expectation: dict) -> bool:
    return all(getattr(issue, key) == value for key, value in expectation.items())


def test_fixture_folders_are_populated():
    assert len(GOOD_FIXTURES) >= 4
    assert len(BAD_FIXTURES) >= 15


@pytest.mark.parametrize("path", GOOD_FIXTURES, ids=lambda path: path.stem)
def test_good_flow_has_no_issues(path):
    _, issues = _validate(path)
    assert issues == []


@pytest.mark.parametrize("path", GOOD_FIXTURES, ids=lambda path: path.stem)
def test_graph_model_keeps_exactly_what_the_editor_saved(path):
    graph = load_fixture(path)["graph"]
    assert FlowGraph.model_validate(graph).model_dump(mode="json") == graph


@pytest.mark.parametrize("path", BAD_FIXTURES, ids=lambda path: path.stem)
def test_bad_flow_reports_exactly_the_expected_issues(path):
    fixture, issues = _validate(path)
    expected = fixture["expect"]
    missing = [expectation for expectation in expected if not any(_matches(issue, expectation) for issue in issues)]
    unexpected = [issue for issue in issues if not any(_matches(issue, expectation) for expectation in expected)]
    assert missing == [], f"expected but not reported: {missing}"
    assert unexpected == [], f"reported but not expected: {unexpected}"
