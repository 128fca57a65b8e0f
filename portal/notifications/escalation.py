"""Overdue work climbs the tree: the sweep tells the level above once a deadline is overdue.

Contract (``raise_escalations(site, registry, now)``, called by ``sweep``):

* Looks at the objects whose earliest open due date is before today (the ``deadline_due``
  index), and at each of their open deadlines that is overdue (``Deadline.level``).
* An object takes part by providing ``escalation_recipients(name)``: the userids of the level
  above that must hear of its overdue deadline ``name`` (a rectification names the leaders of
  the unit above the addressee and the petition office that issued it). Objects without the
  hook are not escalated: their own people are warned by the deadline notices as before.
* One notice of kind ``deadline_escalated`` (下级逾期) per recipient, once per (object,
  deadline name, due date): a new due date starts a fresh round, nothing else repeats. The
  title says who is late and by how many days, never a petitioner's name (the object's
  ``notice_label``, as for every deadline notice).
* Changes only the notification store; the caller commits.

This is the one escalation mechanism of the portal: a concern that needs overdue work to reach
the level above gives its objects the hook instead of writing its own sweep.
"""
import logging
from datetime import timedelta

from pyramid.traversal import resource_path

from portal.deadlines.clock import as_date, format_date

from .centre import notify
from .kinds import register_kind
from .store import get_store

log = logging.getLogger(__name__)

ESCALATED = register_kind("deadline_escalated", "下级逾期")


def escalation_recipients(obj, name):
    """The userids the object names for its overdue deadline ``name`` ([] without the hook)."""
    hook = getattr(obj, "escalation_recipients", None)
    return list(hook(name)) if hook is not None else []


def escalation_title(obj, deadline, today):
    from .sweep import notice_label
    days = (today - deadline.due.due_date).days
    return (f"下级逾期：{notice_label(obj)}{deadline.limit.title}已超期{days}日"
            f"（应于{format_date(deadline.due.due_date)}前完成）")


def raise_escalations(site, registry, now):
    """Escalate every overdue deadline of an object with the hook once; returns notices raised."""
    from .sweep import objects_with_deadlines
    store = get_store(site)
    today = as_date(now)
    raised = 0
    for docid, obj in objects_with_deadlines(site, today - timedelta(days=1)):
        if getattr(obj, "escalation_recipients", None) is None:
            continue
        for name, deadline in sorted((getattr(obj, "deadlines", None) or {}).items()):
            if not getattr(deadline, "is_open", False):
                continue
            level = deadline.level(today, now)
            if getattr(level, "code", None) != "overdue":
                continue
            key = (docid, name, "escalated", deadline.due.due_date.isoformat())
            if key in store.raised:
                continue
            store.raised[key] = now
            userids = escalation_recipients(obj, name)
            if not userids:
                log.warning("nobody to escalate %s deadline %s to", resource_path(obj), name)
                continue
            raised += len(notify(site, userids, ESCALATED.code,
                                 escalation_title(obj, deadline, today),
                                 url=resource_path(obj), registry=registry, now=now))
    return raised
