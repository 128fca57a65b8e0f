"""Chameleon templates: each compiled once per process, one at a time, all at start-up.

Contract:

- ``install()`` (idempotent, called by ``portal.make_config``) makes every Chameleon template in
  the process share one compiled-program cache keyed by Chameleon's own digest (template class,
  body, builtins), and compiles under one lock. Chameleon's default ``MemoryLoader`` keeps
  nothing, so each new template object (one per Pyramid registry, one per deform renderer)
  compiled its source again; and CPython 3.11 can fail with ``SystemError: AST constructor
  recursion depth mismatch`` when two threads compile at the same time (the AST converter's
  recursion counter is shared), which a first visit by two people at once triggered.
- ``precompile(registry)`` compiles every ``*.pt`` of the portal's packages and deform's widget
  templates, so no visitor pays for compiling (the first registration form took seconds) and no
  request thread ever compiles. With the shared cache, a second app in the same process (the
  test suite builds many) only looks the programs up.
"""

import os
import threading
from pathlib import Path

from chameleon.template import BaseTemplate

_lock = threading.RLock()  # re-entrant: compiling a template may load and compile another
_programs = {}
_original_cook = BaseTemplate._cook


class _SharedLoader:
    """Chameleon loader whose ``get`` answers from the process-wide program cache."""

    def get(self, name):
        return _programs.get(name)

    def build(self, source, name):
        env = {}
        exec(compile(source, name, "exec"), env)
        return env


def _cook(self, body, digest, builtins):
    name = self._get_module_name(digest)
    program = _programs.get(name)
    if program is not None:
        return program
    with _lock:
        program = _programs.get(name)
        if program is None:
            program = _original_cook(self, body, digest, builtins)
            _programs[name] = program
    return program


def install():
    if BaseTemplate._cook is not _cook:
        BaseTemplate.loader = _SharedLoader()
        BaseTemplate._cook = _cook


def _portal_templates():
    """(package, path) of every template file under ``portal/``."""
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*.pt")):
        yield ".".join(path.relative_to(root.parent).parts[:-2]), path


def precompile(registry):
    """Compile every template the portal renders (see the module contract)."""
    import deform
    from pyramid.renderers import RendererHelper

    for package, path in _portal_templates():
        spec = f"{package}:{path.parent.name}/{path.name}"
        RendererHelper(name=spec, registry=registry).renderer.implementation().cook_check()
    from portal.public.rendering import precompile as precompile_public

    precompile_public()
    renderer = deform.Form.default_renderer
    for directory in getattr(renderer.loader, "search_path", ()):
        for name in sorted(os.listdir(directory)):
            if name.endswith(".pt"):
                renderer.load(name).cook_check()
