"""The statistics summary: counts kept up to date by events, so the statistics page never
reads the cases.

Contract:

- ``site.public_area.summary`` is one :class:`Summary`: ``facts`` maps each case's docid to the
  few facts statistics need (:func:`portal.public.statistics.facts_of`, stored as a tuple) and
  ``counts`` maps a key to a conflict-resolving counter (``BTrees.Length``):
  ``("received", year, month, group, channel)``, ``("concluded", year, month, group)``,
  ``("on_time", year, month, group)``, ``("rated", year, month, group)``,
  ``("satisfied", year, month, group)`` and ``("state", group, state)`` (cases now in each
  workflow state). ``version`` moves on with every change (the pages' validator).
- ``update(site, case)`` recomputes one case's facts and moves the counters by the difference
  (nothing is written when nothing changed); ``forget(site, case)`` takes a case out.
  Subscribers call them after every transition (after the deadlines moved), when a case or one
  of its documents is added or modified, and when a case is removed.
- ``rebuild(site)`` recomputes everything from the cases (the evolve step; a repair).
- ``rows(summary, year)`` gives what ``statistics.compute`` tabulates: per month and per group
  (received, concluded, on_time, rated, satisfied), per channel and per state.

Two transactions updating different cases touch different facts and add to the same counters,
which resolve (``Length``) instead of conflicting.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from portal.catalog.compact import CompactLOBTree

MEASURES = ("received", "concluded", "on_time", "rated", "satisfied")


class Summary(Persistent):
    def __init__(self):
        import secrets

        self.token = secrets.token_hex(8)  # part of the pages' validator
        self.facts = CompactLOBTree()  # docid -> (group, channel, state, received_on, concluded_on,
        self.counts = OOBTree()  #   on_time, rated_on, satisfied); key -> Length
        self.version = Length(0)


def memo(summary):
    """A dict that lives as long as the summary's current version in this connection (a
    volatile attribute of the version counter, dropped when another transaction changes it):
    statistics and rendered pages are kept there, so they are computed once per change."""
    holder = summary.version
    current = getattr(holder, "_v_memo", None)
    if current is None or current[0] != holder.value:
        current = holder._v_memo = (holder.value, {})
    return current[1]


def get_summary(site, create=False):
    from .store import get_store

    store = get_store(site)
    summary = getattr(store, "summary", None)
    if summary is None and create:
        summary = store.summary = Summary()
    return summary


def _record(case, county_keys):
    from .statistics import facts_of

    f = facts_of(case, county_keys)
    return (
        f.group,
        case.channel or "",
        getattr(case, "workflow_state", "") or "",
        f.received_on,
        f.concluded_on,
        f.on_time,
        f.rated_on,
        f.satisfied,
    )


def contributions(record):
    """The counter keys one case's facts add 1 to."""
    if record is None:
        return ()
    group, channel, state, received, concluded, on_time, rated, satisfied = record
    keys = [("state", group, state)]
    if received is not None:
        keys.append(("received", received.year, received.month, group, channel))
    if concluded is not None:
        keys.append(("concluded", concluded.year, concluded.month, group))
        if on_time:
            keys.append(("on_time", concluded.year, concluded.month, group))
    if rated is not None:
        keys.append(("rated", rated.year, rated.month, group))
        if satisfied:
            keys.append(("satisfied", rated.year, rated.month, group))
    return keys


def _change(summary, keys, delta):
    for key in keys:
        counter = summary.counts.get(key)
        if counter is None:
            counter = summary.counts[key] = Length(0)
        counter.change(delta)


def _apply(summary, docid, new):
    old = summary.facts.get(docid)
    if old == new:
        return False
    _change(summary, contributions(old), -1)
    _change(summary, contributions(new), +1)
    if new is None:
        summary.facts.pop(docid, None)
    else:
        summary.facts[docid] = new
    summary.version.change(1)
    return True


def county_keys(site):
    from .statistics import county_order

    return frozenset(name for name, _title in county_order(site))


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def update(site, case, counties=None):
    """Bring ``case``'s contribution up to date; return True if anything changed."""
    summary = get_summary(site)
    docid = getattr(case, "__docid__", None)
    if summary is None or docid is None:
        return False
    return _apply(summary, docid, _record(case, counties or county_keys(site)))


def forget(site, case):
    summary = get_summary(site)
    docid = getattr(case, "__docid__", None)
    if summary is not None and docid is not None:
        _apply(summary, docid, None)


def rebuild(site):
    """Recompute the summary from every case (idempotent); return the number of cases."""
    from hypatia.query import Eq

    from portal.catalog import search

    summary = get_summary(site, create=True)
    summary.facts.clear()
    summary.counts.clear()
    counties = county_keys(site)
    cases = search(site, Eq(site.catalog["type_name"], "case")).all()
    for case in cases:
        _apply(summary, case.__docid__, _record(case, counties))
    summary.version.change(1)
    return len(cases)


def rows(summary, year):
    """``{"months": {month: {group: Counter}}, ...}`` for ``year``: plain dicts of numbers,
    ``months[m][group][measure]``, ``channels[channel]`` (received in the year) and
    ``states[state]`` (all cases now in that state)."""
    months, channels, states = {}, {}, {}
    for measure in MEASURES:
        for key, counter in summary.counts.items(min=(measure, year), max=(measure, year, 99)):
            _m, _y, month, group, *rest = key
            value = counter.value
            cell = months.setdefault(month, {}).setdefault(group, dict.fromkeys(MEASURES, 0))
            cell[measure] += value
            if measure == "received":
                channels[rest[0]] = channels.get(rest[0], 0) + value
    for key, counter in summary.counts.items(min=("state",), max=("state", "\uffff")):
        states[key[2]] = states.get(key[2], 0) + counter.value
    return {"months": months, "channels": channels, "states": states}


# -- subscribers ---------------------------------------------------------------------------


def _case_of(obj):
    node = obj
    while node is not None:
        if getattr(node, "type_name", None) == "case":
            return node
        node = getattr(node, "__parent__", None)
    return None


def _refresh(obj):
    case = _case_of(obj)
    if case is None:
        return
    site = _root(case)
    if getattr(site, "catalog", None) is not None and getattr(site, "public_area", None) is not None:
        update(site, case)


def on_transition(event):
    _refresh(event.object)


def on_changed(event):
    _refresh(event.object)


def on_removed(event):
    obj = event.object
    if getattr(obj, "type_name", None) == "case":
        site = _root(obj)
        if getattr(site, "public_area", None) is not None:
            forget(site, obj)
    else:
        _refresh(obj)
