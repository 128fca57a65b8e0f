"""The application's layering, checked on the source: production code never imports test support."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[1] / "portal"


def imported_modules(path):
    """The dotted names a module imports (absolute imports only; the portal uses those across concerns)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_production_code_does_not_import_test_support():
    offenders = []
    for path in PORTAL.rglob("*.py"):
        if "testing" in path.relative_to(PORTAL).parts:
            continue
        for name in imported_modules(path):
            if name == "portal.testing" or name.startswith("portal.testing."):
                offenders.append(f"{path.relative_to(PORTAL.parent)} imports {name}")
    assert offenders == []


def test_the_check_sees_an_import_of_test_support(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from portal.testing import slapd\n", encoding="utf-8")
    assert "portal.testing.slapd" in set(imported_modules(module))
