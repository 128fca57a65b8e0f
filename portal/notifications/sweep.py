"""The periodic sweep: deadline warnings, registered tasks and queued mail. ``portal-sweep INI``
runs it from cron.

``sweep(site, registry, now)`` contract:

* Finds the objects with open deadlines through the catalog index ``deadline_due`` (the earliest
  open due date), limited to those due by ``today + due_soon_days`` (Shanghai date of ``now``).
* For every open deadline of each (``obj.deadlines``: name -> ``portal.deadlines.Deadline``)
  computes ``Deadline.level(today, now)``; for due soon, due today and overdue it raises one
  notice (kinds ``deadline_due_soon`` / ``deadline_due_today`` / ``deadline_overdue``) to the
  recipients of ``recipients.deadline_recipients``, titled with ``notice_label``; once per
  (object, deadline name, level, due date): a new due date (extension, override) starts a fresh
  round, nothing else repeats.
* Runs the tasks other concerns registered with ``config.add_sweep_task`` (``sweeping``):
  escalation of overdue work, petitioner notices due to leave, ...
* Sends the mail queued outside working hours when ``now`` is inside them.
* Records ``now`` as the store's ``last_sweep`` (``last_sweep(site)``; ``/@@health`` shows it).
* Changes only the database; the caller commits. Running it again with the same ``now``
  raises and sends nothing new; nothing is ever raised or sent twice.

``run(site, registry, now)`` is what the script does: ``sweep`` in a transaction (retried on
conflicts), committed, then the delivery tasks (``deliver=True``), which commit on their own.
"""

import argparse
import logging
from dataclasses import dataclass
from datetime import timedelta

import transaction
from pyramid.traversal import resource_path

from portal import clock
from portal.clock import as_date, format_date
from portal.deadlines import DEFAULT_THRESHOLDS
from portal.i18n import _

from .centre import notify
from .kinds import DEADLINE_KINDS
from .mail import send_queued
from .recipients import deadline_recipients
from .store import get_store
from .sweeping import sweep_tasks

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepReport:
    raised: int  # notices raised (one per recipient)
    mailed: int  # queued mails sent
    queued: int  # mails still waiting for working hours
    tasks: tuple = ()  # (title, count) of each registered task, in order

    def summary(self):
        """The Chinese line the script prints."""
        line = f"期限提醒 {self.raised} 条，发送邮件 {self.mailed} 封，待发邮件 {self.queued} 封"
        return line + "".join(f"，{title} {count}" for title, count in self.tasks)


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
    """The notice's title, a message read in each reader's language (``portal.i18n.parts``)."""
    due = _("（${date}，暂定）") if deadline.provisional else _("（${date}）")
    return _(
        "${label}：${limit}期限${level}${due}",
        mapping={
            "label": notice_label(obj),
            "limit": deadline.limit.title,
            "level": level.title,
            "due": _(due, mapping={"date": format_date(deadline.due.due_date)}),
        },
    )


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
            raised += len(
                notify(
                    site,
                    userids,
                    kind.code,
                    _title(obj, deadline, level),
                    url=resource_path(obj),
                    registry=registry,
                    now=now,
                )
            )
    return raised


def sweep(site, registry, now):
    """Raise due deadline warnings, run the registered tasks and send queued mail (see the
    module contract)."""
    raised = raise_deadline_notices(site, registry, now)
    tasks = tuple((t.title, t.task(site, registry, now)) for t in sweep_tasks(registry))
    mailed = send_queued(site, registry, now)
    store = get_store(site)
    store.last_sweep = now
    return SweepReport(raised, mailed, len(store.outbox), tasks)


def run(site, registry, now, attempts=3):
    """The whole sweep: ``sweep`` committed (retried on conflicts), then the delivery tasks."""
    jar = getattr(site, "_p_jar", None)
    manager = jar.transaction_manager if jar is not None else transaction.manager
    for attempt in manager.attempts(attempts):
        with attempt:
            report = sweep(site, registry, now)
    delivered = tuple((t.title, t.task(site, registry, now)) for t in sweep_tasks(registry, deliver=True))
    return SweepReport(report.raised, report.mailed, report.queued, report.tasks + delivered)


def last_sweep(site):
    """When the sweep last ran on ``site`` (a datetime), or None if it never did."""
    return getattr(get_store(site), "last_sweep", None)


def main(argv=None):
    """``portal-sweep INI``: one sweep over the configured database, committed. Exit 0 when
    done, 2 when the database is not at the code's generation."""
    parser = argparse.ArgumentParser(description="期限预警与待发邮件的定时处理")
    parser.add_argument("config_uri")
    args = parser.parse_args(argv)
    from portal.storage.scripts import run_on_site

    def work(env):
        report = run(env["root"], env["registry"], clock.now())
        print(report.summary())
        return 0

    return run_on_site(args.config_uri, work)
