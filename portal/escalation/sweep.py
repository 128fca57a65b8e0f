"""The sweep task that escalates overdue items (see the package docstring for the rules).

``escalate(site, registry, now)`` returns how many escalations it raised. For each source:
every item past its due date is escalated once per level it has reached; the open escalations
of items the source no longer reports are closed. Items due before ``store.since`` are left
alone (see ``store``). A source that fails is logged and skipped
(its open escalations stay as they are), so one broken concern never stops the others.
"""

import logging

from portal.clock import as_date, format_date
from portal.i18n import _
from portal.notifications.centre import notify

from .sources import sources_of
from .store import Escalation, get_store
from .tree import bureaus_above, find_unit, petition_staff

log = logging.getLogger(__name__)
KIND = "subordinate_overdue"  # 下级逾期 (registered in ``sweeping``)


def _title(unit_title, item, days):
    """The notice's title, a message read in each reader's language."""
    due = _("（${date}到期，暂定）") if item.provisional else _("（${date}到期）")
    return _(
        "下级逾期：${unit} ${label}已逾期${days}天${due}",
        mapping={
            "unit": unit_title,
            "label": item.label,
            "days": days,
            "due": _(due, mapping={"date": format_date(item.due)}),
        },
    )


def _escalation(site, source, item, level, now):
    """The escalation of ``item`` at ``level`` (None when there is nobody to tell)."""
    above = item.above if item.above is not None else bureaus_above(site, item.late_unit)
    target = above[level - 1] if len(above) >= level else ""
    unit = find_unit(site, target) if target else None
    recipients = petition_staff(site, unit) if unit is not None else []
    leader = item.leader if level == 1 else None
    named = list(item.recipients) if level == 1 else []
    for userid in named + ([leader] if leader else []):
        if userid not in recipients:
            recipients.append(userid)
    if unit is None and not recipients:
        return None
    late = find_unit(site, item.late_unit)
    return Escalation(
        source.name,
        item.key,
        level,
        item.label,
        item.late_unit,
        getattr(late, "title", item.late_unit),
        item.due,
        item.url,
        target if unit is not None else "",
        getattr(unit, "title", ""),
        leader,
        now,
        tuple(recipients),
    )


def escalate(site, registry, now):
    store = get_store(site)
    if store is None:
        return 0
    today = as_date(now)
    raised = 0
    for source in sources_of(registry):
        try:
            items = [
                i
                for i in source.find(site, today)
                if i.level_on(today) > 0 and (store.since is None or i.due >= store.since)
            ]
        except Exception:  # a broken source must not stop the sweep
            log.exception("escalation source %s failed; skipped", source.name)
            continue
        current = set()
        for item in items:
            current.add(item.key)
            for level in range(1, item.level_on(today) + 1):
                key = (source.name, item.key, level)
                if store.raised(key):
                    continue
                escalation = _escalation(site, source, item, level, now)
                if escalation is None:
                    continue
                store.add(escalation)
                raised += 1
                if escalation.recipients:
                    notify(
                        site,
                        escalation.recipients,
                        KIND,
                        _title(escalation.late_unit_title, item, item.days_late(today)),
                        url=item.url,
                        registry=registry,
                        now=now,
                    )
        for key in store.open_keys(source.name):
            if key[1] not in current:
                store.close(key, now)
    return raised
