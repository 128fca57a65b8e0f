"""The demo's story: on top of the tree and accounts, content for every feature to show.

``tell(site, registry)`` runs once, on a demo database just populated, when the setting
``portal.demo_story`` is true (``development.ini``; the tests' shared demo database keeps only
the tree and accounts, and the tests that need the story build it: tests/demo). Each concern
has its own module; each builds through the functions the pages call, acting as the demo
account that does the job (:mod:`portal.demo.acting`), dated from ``portal.clock.today()``.
"""

import logging

from .acting import Cast

log = logging.getLogger(__name__)

#: Accounts the story needs beyond ``populate.DEMO_ACCOUNTS``: every demo county has its
#: leader (a county document can be signed) and its head; 金水区 its 基础教育科.
STORY_ACCOUNTS = (
    ("js_head", "高志远", "/jinshui", "petition_head"),
    ("js_leader", "林国栋", "/jinshui", "principal_leader"),
    ("js_jichu_handler", "宋佳", "/jinshui/jichu", "department_handler"),
)


def tell(site, registry):
    """Fill the demo with its story (see the module docstring)."""
    from . import cases, receptions, reports, stories
    from .populate import add_accounts

    add_accounts(site, STORY_ACCOUNTS, registry=registry)
    cast = Cast(site, registry)
    for story in stories.STORIES:
        cases.tell(cast, story)
    log.info("demo story: %d cases", len(stories.STORIES))
    reports.file_monthly_reports(cast)
    reports.declare_sensitive_period(cast)
    reports.screen_risks(cast)
    receptions.schedule_reception_days(cast)
    warn_and_escalate(site, registry, since=max(s.received_days_ago for s in stories.STORIES))


def warn_and_escalate(site, registry, since):
    """What the nightly sweep would have done by now: deadline warnings to the people
    concerned (notifications) and overdue work climbing to the units above (下级逾期), with
    escalation switched on ``since`` days ago, when the story began."""
    from datetime import timedelta

    from portal import clock
    from portal.escalation.store import install_store
    from portal.escalation.sweep import escalate
    from portal.notifications.sweep import raise_deadline_notices

    now = clock.now()
    install_store(site).since = clock.today() - timedelta(days=since)
    raise_deadline_notices(site, registry, now)
    escalate(site, registry, now)
