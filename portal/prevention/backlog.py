"""Long-unresolved cases (信访历史积案、疑难信访问题, 第六章第一节): "依法依规推动程序终结".

A case is on the backlog list of the units above it while it has not reached a procedural end
(:data:`END_STATES`: declined, forwarded, answered on re-review, archived) and

* it is **open past its limits**: one of the limits units owe on it (acceptance, handling,
  the answers to review requests: ``portal.cases.overdue.CASE_DEADLINES``, the ones that climb
  the tree) is open and overdue -- the petitioner's own windows (asking for a review) never
  make a case unresolved; the catalog's ``deadline_due`` index (the earliest open due date)
  finds the candidates; or
* it is a **repeated petition**: the same petitioner (a shared salted identity key, the
  catalog's ``identity_keys``) petitioned on a similar matter in another case
  (subject similarity of at least :data:`REPEAT_SIMILARITY`, as the same-matter check); or
* the petition office recorded an owner and a plan for it (:class:`~.store.BacklogEntry`):
  then it stays on the list even when no longer overdue, until its procedural end closes the
  entry (:func:`on_transition`).

Which unit a case belongs to: its responsible unit once assigned, else the unit that
registered it (:func:`case_unit`); a unit's list covers the cases related to its subtree (the
handling chain: registered, handed on or handled there), so a county sees its schools' cases and
the city every county's. Everything is read from the catalog with the case's public attributes
(state, deadlines, identity keys, relations) and filtered by what the user's grants reach
(``portal.cases.access.case_query``): the list never shows a case the user may not view, nor a
petitioner.

The petition office of the case's unit or of the unit above records the owner (a leader of
those units) and the plan (:func:`may_plan`, :func:`owner_choices`, :func:`set_plan`).
"""

from dataclasses import dataclass

from hypatia.query import Eq, Lt, NotAny
from pyramid.traversal import find_resource, resource_path

from portal.catalog import resolve
from portal.reports.units import path_of, receiving_unit, roles_on
from portal.security.localroles import people_with
from portal.security.roles import role_ids

from .store import BacklogEntry, get_store

#: States in which a case has reached its procedural end (workflows/case.toml).
END_STATES = ("declined", "forwarded", "rereviewed", "archived")
REPEAT_SIMILARITY = 0.3
LEADER_ROLES = role_ids("leader")
OFFICE_ROLES = frozenset(role_ids("office"))


def case_unit(case):
    """The unit a case belongs to: its responsible unit, else the unit that registered it."""
    path = getattr(case, "responsible_unit", None)
    if path:
        root = case
        while root.__parent__ is not None:
            root = root.__parent__
        try:
            return find_resource(root, path)
        except KeyError:
            pass
    return case.__parent__


def open_cases_query(request, unit):
    """Cases related to ``unit``'s subtree (registered there, handed on through it or handled
    below it) that have not reached their procedural end and that the user may view; None when
    the user may view no case at all."""
    from portal.cases.access import case_query

    cat = request.root.catalog
    viewable = case_query(request)
    if viewable is None:
        return None
    return Eq(cat["relation_paths"], path_of(unit)) & NotAny(cat["state"], list(END_STATES)) & viewable


def sharing_docids(site, docid):
    """Docids of the other cases that share a salted identity key with case ``docid``, read
    from the ``identity_keys`` index alone (its stored keys of the case), so that no case is
    loaded for a petitioner who petitioned once."""
    index = site.catalog["identity_keys"]
    keys = index._rev_index.get(docid)  # the keys hypatia stored for the case
    if not keys:
        return set()
    return set(index.applyAny(list(keys))) - {docid}


def repeated_count(site, case, others=None):
    """How many other cases the same petitioner brought on a similar matter."""
    from portal.cases.duplicates import similarity

    others = sharing_docids(site, case.__docid__) if others is None else others
    count = 0
    for other in others:
        found = resolve(site, other)
        if found is not None and similarity(case.subject, found.subject) >= REPEAT_SIMILARITY:
            count += 1
    return count


@dataclass(frozen=True)
class BacklogLine:
    case: object
    unit: object
    overdue_days: int  # 0 when not overdue
    repeats: int  # other cases of the same petitioner on a similar matter
    entry: object  # the BacklogEntry, or None while nobody owns it

    @property
    def reasons(self):
        out = []
        if self.overdue_days:
            out.append(f"超期未办结（超期{self.overdue_days}日）")
        if self.repeats:
            out.append(f"重复信访（另有{self.repeats}件）")
        if not out:
            out.append("已列入积案，尚未程序终结")
        return out


def _overdue_days(case, day):
    from portal.cases.overdue import CASE_DEADLINES

    deadlines = getattr(case, "deadlines", None) or {}
    dues = [deadlines[n].due.due_date for n in CASE_DEADLINES if n in deadlines and deadlines[n].is_open]
    due = min(dues) if dues else None
    return (day - due).days if due is not None and due < day else 0


def backlog_lines(request, unit, day):
    """The backlog list of ``unit``'s subtree on ``day``: open entries first, most overdue first."""
    site = request.root
    cat = site.catalog
    base = open_cases_query(request, unit)
    if base is None:
        return []
    open_ids = set(base.execute().ids)
    overdue_ids = set((base & Lt(cat["deadline_due"], day)).execute().ids)
    store = get_store(site)
    lines = []
    for docid in sorted(open_ids):
        entry = store.backlog.get(docid)
        entry = entry if entry is not None and entry.is_open else None
        others = sharing_docids(site, docid)
        if docid not in overdue_ids and not others and entry is None:
            continue  # decided from the indexes alone: the case is not loaded
        case = resolve(site, docid)
        if case is None:
            continue
        overdue = _overdue_days(case, day) if docid in overdue_ids else 0
        repeats = repeated_count(site, case, others) if others else 0
        if not overdue and not repeats and entry is None:
            continue
        lines.append(BacklogLine(case, case_unit(case), overdue, repeats, entry))
    lines.sort(key=lambda x: (x.entry is not None, -x.overdue_days, -x.repeats, x.case.number))
    return lines


def may_plan(request, case):
    """The petition office of the case's unit, or of the unit above it, records owner and plan."""
    unit = case_unit(case)
    above = receiving_unit(unit)
    return any(
        OFFICE_ROLES & roles_on(node, request.user_principals) for node in (unit, above) if node is not None
    )


def owner_choices(case):
    """(userid, name) of the leaders of the case's unit and of the unit above it."""
    unit = case_unit(case)
    site = unit
    while site.__parent__ is not None:
        site = site.__parent__
    found = []
    for node in (unit, receiving_unit(unit)):
        if node is not None:
            found += [u for u in people_with(node, LEADER_ROLES) if u not in found]
    users = site.users
    return [
        (u, getattr(users.get(u), "title", u))
        for u in found
        if users.get(u) is not None and users.get(u).active
    ]


def set_plan(site, case, owner, plan, target_on, actor, when):
    """Record (or change) the owner and plan of ``case``; returns the entry."""
    store = get_store(site)
    entry = store.backlog.get(case.__docid__)
    if entry is None or not entry.is_open:
        entry = BacklogEntry(
            resource_path(case), path_of(case_unit(case)), owner, plan, target_on, actor, when
        )
        store.backlog[case.__docid__] = entry
    else:
        entry.update(owner, plan, target_on, actor, when)
    return entry


def on_transition(event):
    """A case reaching its procedural end leaves the backlog: its entry is closed."""
    case = event.object
    if getattr(case, "type_name", None) != "case" or event.to_state not in END_STATES:
        return
    docid = getattr(case, "__docid__", None)
    site = case
    while site.__parent__ is not None:
        site = site.__parent__
    store = getattr(site, "prevention", None)
    entry = store.backlog.get(docid) if store is not None and docid is not None else None
    if entry is not None and entry.is_open:
        entry.close(event.to_state, event.workflow.states[event.to_state].title, event.actor, event.when)
