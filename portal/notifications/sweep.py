"""The periodic sweep: deadline warnings and queued mail. ``portal-sweep INI`` runs it from cron.

``sweep(site, registry, now)`` contract:

* Finds the objects with open deadlines through the catalog index ``deadline_due`` (the earliest
  open due date), limited to those due by ``today + due_soon_days`` (Shanghai date of ``now``).
* For every open deadline of each (``obj.deadlines``: name -> ``portal.deadlines.Deadline``)
  computes ``Deadline.level(today, now)``; for due soon, due today and overdue it raises one
  notice (kinds ``deadline_due_soon`` / ``deadline_due_today`` / ``deadline_overdue``) to the
  recipients of ``recipients.deadline_recipients``, titled with ``notice_label``; once per
  (object, deadline name, level, due date): a new due date (extension, override) starts a fresh
  round, nothing else repeats.
* Escalates overdue deadlines to the level above once (``portal.notifications.escalation``),
  for objects that name who that is.
* Sends the mail queued outside working hours when ``now`` is inside them.
* Changes only the site's notification store; the caller commits. Running it again with the
  same ``now`` raises and sends nothing new; nothing is ever raised or sent twice.
"""
import argparse
import logging
import sys
from dataclasses import dataclass
from datetime import timedelta

import transaction
from pyramid.traversal import resource_path

from portal.deadlines import DEFAULT_THRESHOLDS
from portal.deadlines.clock import as_date, format_date

from .centre import notify
from .escalation import raise_escalations
from .kinds import DEADLINE_KINDS
from .mail import send_queued
from .recipients import deadline_recipients
from .store import get_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepReport:
    raised: int   # notices raised (one per recipient)
    mailed: int   # queued mails sent
    queued: int   # mails still waiting for working hours
    escalated: int = 0  # notices to the level above about overdue work (one per recipient)


def notice_label(obj):
    """How a deadline notice (and so its mail) names ``obj``, never by a petitioner: its
    ``notice_label`` hook (a string or a method), else a unit's name, else 信访事项 with the
    object's ``number`` (a case number) when it has one. Free titles of other objects are not
    used: a case's subject may name the petitioner."""
    hook = getattr(obj, "notice_label", None)
    if hook is not None:
        return hook() if callable(hook) else hook
    from portal.resources import Unit
    if isinstance(obj, Unit):
        return obj.title
    number = getattr(obj, "number", None)
    return f"信访事项 {number}" if number else "信访事项"


def _title(obj, deadline, level):
    return (f"{notice_label(obj)}：{deadline.limit.title}期限{level.title}"
            f"（{format_date(deadline.due.due_date)}）")


def objects_with_deadlines(site, until):
    """Objects whose earliest open due date is on or before ``until``."""
    from hypatia.query import Le
    from portal.catalog import resolve
    for docid in Le(site.catalog["deadline_due"], until).execute().ids:
        obj = resolve(site, docid)
        if obj is not None:
            yield docid, obj


def raise_deadline_notices(site, registry, now):
    store = get_store(site)
    today = as_date(now)
    horizon = today + timedelta(days=DEFAULT_THRESHOLDS.due_soon_days)
    raised = 0
    for docid, obj in objects_with_deadlines(site, horizon):
        for name, deadline in sorted((getattr(obj, "deadlines", None) or {}).items()):
            if not getattr(deadline, "is_open", False):
                continue
            level = deadline.level(today, now)
            kind = DEADLINE_KINDS.get(getattr(level, "code", None))
            if kind is None:
                continue
            key = (docid, name, level.code, deadline.due.due_date.isoformat())
            if key in store.raised:
                continue
            store.raised[key] = now
            userids = deadline_recipients(obj, name)
            if not userids:
                log.warning("no recipients for %s deadline %s", resource_path(obj), name)
                continue
            raised += len(notify(site, userids, kind.code, _title(obj, deadline, level),
                                 url=resource_path(obj), registry=registry, now=now))
    return raised


def sweep(site, registry, now):
    """Raise due deadline warnings and send queued mail (see the module contract)."""
    raised = raise_deadline_notices(site, registry, now)
    escalated = raise_escalations(site, registry, now)
    mailed = send_queued(site, registry, now)
    return SweepReport(raised, mailed, len(get_store(site).outbox), escalated)


def build_registry(settings):
    """A registry with this concern's mail configuration (no views, no other concerns)."""
    from pyramid.config import Configurator
    from .mail import configure_mail
    config = Configurator(settings=settings)
    configure_mail(config)
    config.commit()
    return config.registry


def main(argv=None):
    """``portal-sweep INI``: one sweep over the configured database, committed. Exit 0 when
    done, 2 when the database is not at the code's generation."""
    parser = argparse.ArgumentParser(description="期限预警与待发邮件的定时处理")
    parser.add_argument("config_uri")
    args = parser.parse_args(argv)
    from portal.evolve import LATEST
    from portal.storage.scripts import opened_site, settings_from
    from . import hours

    settings = settings_from(args.config_uri)
    registry = build_registry(settings)
    with opened_site(settings, registry) as site:
        if site is None:
            print("数据库为空，无需处理")
            return 0
        if site.__generation__ != LATEST:
            print(f"数据库代数 {site.__generation__} 与代码代数 {LATEST} 不一致，请先运行 portal-evolve",
                  file=sys.stderr)
            return 2
        for attempt in transaction.manager.attempts(3):
            with attempt:
                report = sweep(site, registry, hours.current_time())
        print(f"期限提醒 {report.raised} 条，发送邮件 {report.mailed} 封，待发邮件 {report.queued} 封，"
              f"逾期上报 {report.escalated} 条")
        return 0
