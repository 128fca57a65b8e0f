"""Workflow definitions as data (TOML); loaded and validated by ``portal.workflow.config``."""
