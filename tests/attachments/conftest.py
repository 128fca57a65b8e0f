"""The case fixtures (``flow``, ``register``) and small files of every accepted type."""

from tests.cases.conftest import flow, register  # noqa: F401
