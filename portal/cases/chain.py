"""The handling chain of a case (属地管理、分级负责): which units stand in which relation to it.

This is the one module to ask "which units stand in which relation to this case" and "in which
relation does this user act"; access is derived from it (``portal.security.relations``), never
copied onto the case.

The record: ``case.chain_record`` is an append-only tuple of :class:`ChainEntry` (unit path,
relation, action ``joined``/``left``, who, when, note). Only the functions here append to it.
From it follow

* the hand-over sequence (:func:`sequence`): the registering unit, then each unit the case was
  handed to (交办/转办), down to the unit that holds it now; each unit lies below the one
  before it. A return (退回) or a take-back (收回) shortens it;
* the current relations (:func:`current`), in chain order:

  - ``registering``: the unit that registered the case (always the first);
  - ``responsible``: the last unit of a sequence of two or more (承办单位);
  - ``assigning``: the unit that handed it to the responsible unit (交办单位);
  - ``supervising``: the units that handed it on before that (督办单位);
  - ``reviewing``: the business department that reviews the handling opinion (⑤), named by
    the latest assignment; ``assisting``: units named to assist (协办);
  - ``review_body`` / ``rereview_body``: the bodies that take a 复查 / 复核 request.

A user's relations add ``above`` for grants on an ancestor of a related unit (see
``portal.security.relations``). Every change sends :class:`ChainChanged` (the catalog reindexes,
the people who receive the case are notified).
"""

from dataclasses import dataclass
from datetime import datetime

from pyramid.threadlocal import get_current_registry
from pyramid.traversal import find_resource

from portal.security.relations import ABOVE, RELATIONS, grants_of, path_of, roles_through, within

REGISTERING = "registering"
RESPONSIBLE = "responsible"
ASSIGNING = "assigning"
SUPERVISING = "supervising"
REVIEWING = "reviewing"
ASSISTING = "assisting"
REVIEW_BODY = "review_body"
REREVIEW_BODY = "rereview_body"
JOINED, LEFT = "joined", "left"

#: Relations that belong to one assignment: they end when the case is handed on, returned or
#: taken back.
PER_ASSIGNMENT = (REVIEWING, ASSISTING)

__all__ = [
    "ABOVE",
    "RELATIONS",
    "ChainEntry",
    "ChainChanged",
    "current",
    "sequence",
    "units_in",
    "unit_relations",
    "holder",
    "user_relations",
    "user_relation_roles",
    "acts_in",
    "start",
    "hand_on",
    "take_back",
    "join",
    "describe",
]


@dataclass(frozen=True)
class ChainEntry:
    """One change of the chain: ``unit`` (a path) ``joined`` or ``left`` in ``relation``."""

    unit: str
    relation: str
    action: str
    actor: str
    when: datetime
    note: str = ""


class ChainChanged:
    """The chain of ``case`` changed; ``entries`` are the entries just appended."""

    def __init__(self, case, entries, request=None):
        self.object = case
        self.entries = tuple(entries)
        self.request = request


# -- reading -----------------------------------------------------------------------------------


def record(case):
    return tuple(getattr(case, "chain_record", ()))


def _replay(entries):
    seq, extra = [], {}
    for e in entries:
        if e.relation == REGISTERING:
            seq = [e.unit]
        elif e.relation == RESPONSIBLE:
            if e.action == JOINED:
                seq.append(e.unit)
            elif e.unit in seq[1:]:
                seq = seq[: seq.index(e.unit, 1)]
        elif e.action == JOINED:
            extra.setdefault(e.unit, set()).add(e.relation)
        else:
            extra.get(e.unit, set()).discard(e.relation)
    return seq, extra


def sequence(case):
    """The hand-over sequence: unit paths from the registering unit to the one holding it."""
    return tuple(_replay(record(case))[0])


def current(case):
    """``((path, frozenset(relations)), ...)`` in chain order: the sequence first, then the
    other related units in the order they joined."""
    seq, extra = _replay(record(case))
    relations = {}
    last = len(seq) - 1
    for i, path in enumerate(seq):
        rels = relations.setdefault(path, set())
        if i == 0:
            rels.add(REGISTERING)
        if last >= 1 and i == last:
            rels.add(RESPONSIBLE)
        elif i == last - 1:
            rels.add(ASSIGNING)
        elif i < last - 1:
            rels.add(SUPERVISING)
    for path, rels in extra.items():
        if rels:
            relations.setdefault(path, set()).update(rels)
    return tuple((path, frozenset(rels)) for path, rels in relations.items() if rels)


def units_in(case, relation):
    """Paths of the units now in ``relation`` to ``case``, in chain order."""
    return [path for path, rels in current(case) if relation in rels]


def unit_relations(case, unit_path):
    """The relations ``unit_path`` has to ``case`` now (empty if none)."""
    return dict(current(case)).get(unit_path, frozenset())


def holder(case):
    """The path of the unit that holds the case now: the responsible unit, or the registering
    unit before assignment."""
    seq = sequence(case)
    return seq[-1] if seq else None


def resolve(case, path):
    root = case
    while root.__parent__ is not None:
        root = root.__parent__
    try:
        return find_resource(root, path)
    except KeyError:
        return None


def user_relation_roles(request, case):
    """``{(relation, role)}`` the signed-in user holds on ``case`` through their current grants
    (``above`` included); empty for a user the case shields itself from."""
    from portal.security.relations import is_shielded

    grants = grants_of(request)
    if is_shielded(case.shield(), grants, request.authenticated_userid):
        return frozenset()
    return roles_through(case.relation_tokens(), grants)


def user_relations(request, case):
    """The relations the signed-in user acts in on ``case`` (e.g. ``{'responsible'}``)."""
    return frozenset(rel for rel, _role in user_relation_roles(request, case))


def acts_in(request, case, *relations):
    return bool(user_relations(request, case) & set(relations))


def user_units(request, case, relations=None):
    """Chain unit paths on which the signed-in user holds a grant themselves, in chain order
    (optionally only units in one of ``relations``)."""
    mine = {g.path for g in grants_of(request)}
    return [p for p, rels in current(case) if p in mine and (relations is None or rels & set(relations))]


OFFICES = ("department", "petition_office")


def unit_name(unit):
    """A unit's name as the chain shows it: a department with its bureau (中原区教育局基础教育科)."""
    parent = unit.__parent__
    if getattr(unit, "kind", None) in OFFICES and parent is not None:
        return f"{parent.title}{unit.title}"
    return unit.title


def describe(case):
    """For the case page: ``(hand-over sequence, other related units)``, each a list of
    ``(name, path, [relation titles])`` in chain order."""
    seq = set(sequence(case))
    handed, others = [], []
    for path, rels in current(case):
        titles = [RELATIONS[r] for r in RELATIONS if r in rels]
        unit = resolve(case, path)
        name = unit_name(unit) if unit is not None else path
        (handed if path in seq else others).append((name, path, titles))
    return handed, others


# -- changing ----------------------------------------------------------------------------------


def _append(case, entries, request=None, registry=None):
    case.chain_record = record(case) + tuple(entries)
    seq = sequence(case)
    case.responsible_unit = seq[-1] if len(seq) > 1 else None
    (registry or get_current_registry()).notify(ChainChanged(case, entries, request))


def start(case, unit_path, actor, when, registry=None):
    """Record the registering unit (at registration)."""
    _append(case, [ChainEntry(unit_path, REGISTERING, JOINED, actor, when, "登记")], registry=registry)


def _ending(case, keep, actor, when, note):
    """Entries that cut the sequence after ``keep`` units and end per-assignment links."""
    seq, extra = _replay(record(case))
    entries = [ChainEntry(path, RESPONSIBLE, LEFT, actor, when, note) for path in reversed(seq[keep:])]
    entries += [
        ChainEntry(path, rel, LEFT, actor, when, note)
        for path, rels in extra.items()
        for rel in sorted(rels)
        if rel in PER_ASSIGNMENT
    ]
    return entries


def hand_on(
    case, from_path, to_path, actor, when, note="", reviewing=None, assisting=(), request=None, registry=None
):
    """``from_path`` (a unit on the sequence) hands the case to ``to_path`` (交办/转办): the units
    after ``from_path`` leave, ``to_path`` joins as responsible, ``reviewing`` and
    ``assisting`` join for this assignment."""
    seq = sequence(case)
    if from_path not in seq:
        raise ValueError(f"{from_path} does not hold or supervise this case")
    entries = _ending(case, seq.index(from_path) + 1, actor, when, "改派")
    entries.append(ChainEntry(to_path, RESPONSIBLE, JOINED, actor, when, note))
    if reviewing:
        entries.append(ChainEntry(reviewing, REVIEWING, JOINED, actor, when, note))
    entries += [ChainEntry(p, ASSISTING, JOINED, actor, when, note) for p in assisting]
    _append(case, entries, request, registry)


def take_back(case, to_path, actor, when, note="", request=None, registry=None):
    """The case goes back to ``to_path`` (退回 by the unit below it, or 收回 by ``to_path``):
    every unit after it on the sequence leaves. Returns the new sequence."""
    seq = sequence(case)
    if to_path not in seq[:-1]:
        raise ValueError(f"{to_path} did not hand this case on")
    _append(case, _ending(case, seq.index(to_path) + 1, actor, when, note), request, registry)
    return sequence(case)


def join(case, unit_path, relation, actor, when, note="", request=None, registry=None):
    """``unit_path`` joins in ``relation`` (a review body, an assisting unit); False if it
    already stands in it."""
    if relation in (REGISTERING, RESPONSIBLE) or relation not in RELATIONS or relation == ABOVE:
        raise ValueError(relation)
    if relation in unit_relations(case, unit_path):
        return False
    _append(case, [ChainEntry(unit_path, relation, JOINED, actor, when, note)], request, registry)
    return True


# -- the case's side of portal.security.relations ------------------------------------------


def related_units(case):
    """``[(unit, relations)]`` for the units that exist (a deleted unit drops out)."""
    out = []
    for path, rels in current(case):
        unit = resolve(case, path)
        if unit is not None:
            out.append((unit, rels))
    return out


def below(path, ancestor):
    return path != ancestor and within(path, ancestor)


__all__ += ["record", "resolve", "user_units", "related_units", "path_of", "below"]
