"""The portal with the reference example workflow (tests/workflow/sample) added: the portal
itself loads only the definitions in ``workflows/``."""

from pathlib import Path

import pytest

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "workflow" / "sample"


@pytest.fixture
def app(app_factory):
    return app_factory(**{"portal.extra_workflows_dir": str(SAMPLE_DIR)})
