"""Shared fixtures for the schema tests.

Every test that touches "today" binds the schema with :data:`TODAY` so the
results do not depend on the clock; ``make_schema`` also binds ``local_zone``
as the portal does (China time, ``portal.clock.to_shanghai``).  ``to_cstruct`` turns an expected
appstruct into what a browser (via deform/peppercorn) would submit; it is
written independently of colander so that deserialization is checked
against an outside expectation.
"""

import datetime
import decimal
import importlib.util
import pathlib

import pytest

TODAY = datetime.date(2024, 6, 15)

_HERE = pathlib.Path(__file__).parent


def _load(name):
    spec = importlib.util.spec_from_file_location(f"schema_test_{name}", _HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def to_cstruct(value):
    """Render an appstruct as submitted form data (strings, lists, dicts)."""
    if isinstance(value, dict):
        return {key: to_cstruct(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [to_cstruct(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, decimal.Decimal)):
        return str(value)
    return value


@pytest.fixture(scope="session")
def samples():
    """The sample module: ``APPSTRUCTS`` and ``REQUIRED`` keyed by document code."""
    return _load("document_samples")


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def make_schema():
    """``make_schema(code)``: a fresh schema for ``code`` bound to :data:`TODAY` and to
    China time for dates and times typed without a zone."""
    from portal.clock import to_shanghai
    from schemas import get_document_type

    def make(code, today=TODAY):
        return get_document_type(code).schema().bind(today=today, local_zone=to_shanghai)

    return make


@pytest.fixture
def cstruct_of():
    return to_cstruct


@pytest.fixture
def sample_cstruct(samples):
    """``sample_cstruct(code, **changes)``: a valid submission with fields replaced."""

    def make(code, **changes):
        cstruct = to_cstruct(samples.APPSTRUCTS[code])
        cstruct.update(changes)
        return cstruct

    return make
