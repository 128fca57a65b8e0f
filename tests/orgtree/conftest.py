"""The case fixtures (``flow``) for the pickers that list units."""

from tests.cases.conftest import flow  # noqa: F401
