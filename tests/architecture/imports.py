"""The portal's import graph read from the source with ``ast`` (nothing is imported).

Every ``import`` counts, at module level and inside functions alike: a function-level import
is still a dependency (it only defers the import to the call), and deferring one is how a
circle gets hidden rather than removed. ``from package import name`` is an edge to the
submodule ``package.name`` when there is one, else to ``package``.
"""

import ast
from pathlib import Path

import portal

ROOT = Path(portal.__file__).parent


def _module_name(path):
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    """``{module name: path}`` of every module of the ``portal`` package."""
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imports_of(name, path, known):
    """The portal modules ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph():
    """``{module: set of modules it imports}`` over the portal package."""
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def concern(module):
    """The concern a module belongs to: ``portal.<concern>`` (the root ``portal`` for itself)."""
    parts = module.split(".")
    return ".".join(parts[:2])


def strongly_connected(edges):
    """The strongly connected components with more than one member (the import circles)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = iter(range(10**9))

    def visit(v):
        index[v] = low[v] = next(counter)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            members = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                members.add(w)
                if w == v:
                    break
            if len(members) > 1:
                found.append(frozenset(members))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found
