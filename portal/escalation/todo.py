"""下级逾期 on a person's 我的待办: the open escalations addressed to them.

An escalation goes to a *unit* (and, at the first level, to an owning leader); who sees it is
decided when the page is shown, from the user's current grants: the petition staff of the
unit (petition officer or head granted on the unit itself or on its 信访处（科）) and the leader
named on it. A grant or revoke changes the to-do at once; nothing is copied onto records.
"""

from dataclasses import dataclass

from hypatia.query import Any, Eq

from portal.security.localroles import local_roles
from portal.security.principals import userid_of

from .sources import source_title
from .store import get_store
from .tree import PETITION_ROLES, path_of


@dataclass(frozen=True)
class TodoLine:
    escalation: object
    days_late: int
    source_title: str
    provisional: bool = False  # the due date's year has no holiday data yet (暂定)

    @property
    def level_title(self):
        return "上一级" if self.escalation.level == 1 else "再上一级"


def _staff_units(site, principals):
    """Paths of the units where any of ``principals`` holds a petition role directly (a
    petition office counts for its bureau)."""
    from portal.catalog import search

    query = Any(site.catalog["local_principals"], list(principals)) & Eq(site.catalog["type_name"], "unit")
    paths = set()
    for unit in search(site, query).all():
        roles = set()
        for principal, granted in local_roles(unit).items():
            if principal in principals:
                roles.update(granted)
        if roles & PETITION_ROLES:
            node = unit.__parent__ if unit.kind == "petition_office" else unit
            paths.add(path_of(node))
    return paths


def escalations_for(site, registry, principals, today):
    """[TodoLine] for a user with ``principals``, most overdue first."""
    store = get_store(site)
    principals = [p for p in principals if not p.startswith("system.")]
    if store is None or not store.open or not principals:
        return []
    found = {}
    for path in _staff_units(site, principals):
        for escalation in store.open_for_target(path):
            found[escalation.key] = escalation
    for principal in principals:
        userid = userid_of(principal)
        if userid:
            for escalation in store.open_for_leader(userid):
                found[escalation.key] = escalation
    from portal.time_limits import get_calendar

    calendar = get_calendar(site)
    lines = [
        TodoLine(e, e.days_late(today), source_title(registry, e.source), not calendar.has_data(e.due.year))
        for e in found.values()
    ]
    lines.sort(key=lambda line: (-line.days_late, line.escalation.label))
    return lines
