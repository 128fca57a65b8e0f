"""Moved to ``portal.layout.export`` (the one xlsx/CSV writer of the portal, issue 12 item 11);
this name stays only so branches in flight keep importing; new code imports from there."""

from portal.layout.export import XLSX, cell, xlsx_response  # noqa: F401
