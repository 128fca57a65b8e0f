"""The order units are listed in: the city's own order, not the alphabet of their keys.

Contract:

- Siblings sort by their kind's place in ``kinds.KINDS``, then by their *order*, then by key.
  A unit's order is its own ``order`` (an integer, 排序号, set with the tree on 修改机构信息)
  when set, else its place in the city's official list (``unit_order.txt``: the county-level
  areas, matched by the start of the title), else after every ordered sibling.
- ``sibling_key(unit)`` is that key; ``tree_key(unit)`` the keys from the top down to the
  unit, so sorting by it lists a tree depth first (children after their parent);
  ``in_tree_order(units)`` sorts a list so. ``sort_text(unit)`` is ``sibling_key`` as text,
  what the catalog's ``sort_key`` index holds.
"""

from functools import cache
from importlib.resources import files

UNORDERED = 9999


@cache
def official_names():
    """``[(rank, (name, alias...))]`` from ``unit_order.txt``, ranks from 1."""
    text = files("portal.resources").joinpath("unit_order.txt").read_text(encoding="utf-8")
    lines = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(rank, tuple(names)) for rank, names in enumerate(lines, start=1)]


def official_rank(title):
    """The place of ``title`` in the official list (the longest matching name wins), or None."""
    best = None
    for rank, names in official_names():
        for name in names:
            if (title or "").startswith(name) and (best is None or len(name) > best[1]):
                best = (rank, len(name))
    return best[0] if best else None


def unit_order(unit):
    """See the module contract: the unit's own order, else its official rank, else None."""
    own = getattr(unit, "order", None)
    if own is not None:
        return own
    return official_rank(getattr(unit, "title", ""))


def sibling_key(unit):
    from .kinds import KINDS

    kind = getattr(unit, "kind", None)
    rank = list(KINDS).index(kind) if kind in KINDS else 99
    order = unit_order(unit)
    return (rank, UNORDERED if order is None else order, unit.__name__ or "")


def sort_text(unit):
    rank, order, name = sibling_key(unit)
    return f"{rank:02d}:{order:04d}:{name}"


def tree_key(unit):
    keys = []
    node = unit
    while node is not None and getattr(node, "__parent__", None) is not None:
        keys.append(sibling_key(node))
        node = node.__parent__
    return keys[::-1]


def in_tree_order(units):
    """``units`` (an iterable) as a list in tree order (see the module contract)."""
    return sorted(units, key=tree_key)
