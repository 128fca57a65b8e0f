"""Fixtures for the assessment tests: the fixed clock, and posting the assessment form."""
import pytest


@pytest.fixture(autouse=True)
def clock(portal_clock):
    return portal_clock


@pytest.fixture
def assess(registry_fields):
    """``assess(t, unit_path, appstruct, year=2026, status=302)``: post the assessment form."""
    def post(t, path, values, year=2026, status=302):
        data = registry_fields("annual_assessment", values,
                               [("csrf_token", t.token), ("save", "save")])
        return t.post(f"{path}/@@assess?year={year}", data, status=status)
    return post
