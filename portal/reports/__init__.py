"""Units report upward (第四章第五节 信息报告, 第六章第一节 矛盾隐患排查):
monthly reports, zero reports in sensitive periods, major event reports, risk-screening
ledgers, duty rosters and logs.

Modules: ``units`` (who files, who reviews, which units report), ``months``, ``store``
(``site.reports``: the summaries dashboards read), ``monthly`` (the monthly report and filing
it), ``conditions`` (workflow conditions), ``defaults`` (known figures, county roll-ups),
``dashboard`` (dashboard figures), ``kinds`` (the ``add_report_kind`` directive), ``reminders`` (催报 and notices), ``periods`` (sensitive
periods, zero reports), ``major_events``, ``risks``, ``duty``, ``views/`` (xlsx through ``portal.layout.export``).

Workflows: ``workflows/monthly_report.toml`` (schools and directly-run units) and
``workflows/county_monthly_report.toml`` (county bureaus: internal review before submitting).

To add a report kind (follow ``risks`` or ``major_events``):

1. its document type: a schema in ``schemas`` and a row in ``schemas/registry.py`` (the code,
   the title, who fills it);
2. a module here holding ``CODE`` (that document type) and the filing functions (through
   ``portal.documents.api``; ``filing.add_document_once`` makes a resubmitted form harmless);
3. a module in ``views/`` with its pages (scanned by ``views.includeme``) and their template;
4. one line in :func:`report_kinds` below: ``config.add_report_kind(CODE, title, view, ...)``
   (``kinds``), which puts it in the 报表 menu of a unit's page and checks the document type
   at start-up;
5. if it notifies anyone: a ``Kind`` in ``reminders`` registered in ``overdue.includeme``
   (``portal.notifications.kinds``).
"""


def report_kinds(config):
    """The report kinds and the monthly dashboard, in the 报表 menu of a unit's page (each
    link only where the user may use it)."""
    from . import duty, kinds, major_events, monthly, periods, risks
    from .units import files_here, has_dashboard, is_filing_here

    config.add_directive("add_report_kind", kinds.add_report_kind)
    add = config.add_report_kind
    add(monthly.CODE, "月报表", "monthly-report", is_filing_here, order=30)
    config.add_unit_action("reports-dashboard", "月报汇总", kinds.MENU, has_dashboard, order=31)
    add(periods.CODE, "零报告", "zero-report", files_here, order=32)
    add(major_events.CODE, "重大信访事项报告", "major-events", order=33)
    add(risks.CODE, "矛盾隐患排查台账", "risk-ledger", order=34)
    add(duty.CODE, "值班安排与记录", "duty", order=35)


def install(site):
    """Create what this concern stores on the site (called by evolve step 7; idempotent)."""
    from .store import install_store

    install_store(site)


def includeme(config):
    from portal.i18n import _

    """Workflow conditions, the transition subscriber, the pages (and, through ``.overdue``, the
    notification kinds)."""
    config.include(".evolution")
    from portal.workflow.events import AfterTransition

    from .conditions import CONDITIONS
    from .monthly import on_transition

    for name, condition in CONDITIONS.items():
        config.add_workflow_condition(name, condition)
    config.add_subscriber(on_transition, AfterTransition)
    config.include(".overdue")
    config.include(".views")
    report_kinds(config)
    from portal.security import permissions as P

    config.add_nav_item("reports", _("报表"), P.VIEW_HOME, order=40)
