"""Overdue work climbs the tree by itself (下级逾期): one mechanism every concern feeds.

A concern declares what can be overdue as an *escalation source* and the sweep does the rest:

    config.add_escalation_source("case_deadline", "信访事项办理期限", find)

``find(site, today)`` yields :class:`~.sources.OverdueItem` values (a stable ``key``, a
Chinese ``label`` that names no petitioner, the ``late_unit`` path, the ``due`` date, a
``url``, optionally the units ``above`` to escalate to, an owning ``leader`` and the
``period_days`` after which it climbs again). Register it in your concern's ``includeme``;
``portal-sweep`` starts the whole application, so it sees every source.

Each sweep (``sweep.escalate``, a sweep task):

* an item past its due date is escalated **once** to the first unit above the late unit (its
  petition staff: officers and heads on the unit or its 信访处（科）) and, when the item has an
  owning ``leader``, to that leader; more than one ``period_days`` overdue, once more to the
  next unit up (at most two levels). Each escalation notifies the people (kind
  ``subordinate_overdue``) and stays on their 我的待办 as 下级逾期 with who is late and by
  how many days (``todo.escalations_for``);
* an escalation whose item the source no longer reports (done, extended, filed) is closed.

Modules: ``sources`` (the item, the directive, validation), ``tree`` (the units above, their
petition staff), ``store`` (``site.escalations``), ``sweep``, ``todo``, ``views``.
"""

from .sources import MAX_LEVELS, OverdueItem, overdue_deadlines  # noqa: F401
from .tree import bureaus_above  # noqa: F401


def install(site):
    """Create the escalation store on the site unless it has one (an evolve step calls it)."""
    from .store import install_store

    install_store(site)


def includeme(config):
    config.include(".evolution")
    config.include(".sweeping")
    config.include(".views")
