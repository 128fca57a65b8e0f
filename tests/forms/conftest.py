"""The case fixtures (``flow``, ``register``) for the form pages' tests."""

from tests.cases.conftest import flow, register  # noqa: F401
