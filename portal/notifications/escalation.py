"""Objects that name who hears of their overdue deadlines (the ``escalation_recipients`` hook).

Overdue work climbs the tree through one mechanism, ``portal.escalation``; this module is its
source for objects that carry their own deadlines and know who the level above is:

* An object takes part by providing ``escalation_recipients(name)``: the userids of the level
  above that must hear of its overdue deadline ``name`` (a rectification names the leaders of
  the unit above the addressee and the petition office that issued it). Objects without the
  hook are left to the sources of their concerns (cases, monthly reports).
* ``find_hooked(site, today)`` (the ``object_deadline`` escalation source) yields one
  ``OverdueItem`` per overdue open deadline of such an object, found through the
  ``deadline_due`` index; the escalation sweep tells the named people once per (object,
  deadline, due date) -- a new due date starts a fresh round -- as 下级逾期 (kind
  ``deadline_escalated``), with who is late and by how many days, never a petitioner's name
  (the object's ``notice_label``).
"""
from pyramid.traversal import resource_path

from .kinds import register_kind

ESCALATED = register_kind("deadline_escalated", "下级逾期")


def escalation_recipients(obj, name):
    """The userids the object names for its overdue deadline ``name`` ([] without the hook)."""
    hook = getattr(obj, "escalation_recipients", None)
    return list(hook(name)) if hook is not None else []


def _unit_of(obj):
    from portal.resources import Unit
    node = obj.__parent__
    while node is not None and not isinstance(node, Unit):
        node = node.__parent__
    return resource_path(node) or "/" if node is not None else "/"


def find_hooked(site, today):
    from datetime import timedelta
    from portal.escalation import OverdueItem
    from .sweep import notice_label, objects_with_deadlines
    for _docid, obj in objects_with_deadlines(site, today - timedelta(days=1)):
        if getattr(obj, "escalation_recipients", None) is None:
            continue
        path = resource_path(obj)
        for name, deadline in sorted((getattr(obj, "deadlines", None) or {}).items()):
            if not getattr(deadline, "is_open", False) or deadline.is_paused:
                continue
            due = deadline.due.due_date
            if due >= today:
                continue
            yield OverdueItem(key=f"{path}:{name}:{due.isoformat()}",
                              label=f"{notice_label(obj)} {deadline.limit.title}期限", due=due,
                              late_unit=_unit_of(obj), url=path, above=(),
                              recipients=tuple(escalation_recipients(obj, name)))
