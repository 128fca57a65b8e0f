"""Units report upward (第四章第五节 信息报告, 第六章第一节 矛盾隐患排查):
monthly reports, zero reports in sensitive periods, major event reports, risk-screening
ledgers, duty rosters and logs.

Modules: ``units`` (who files, who reviews, which units report), ``months``, ``store``
(``site.reports``: the summaries dashboards read), ``monthly`` (the monthly report and filing
it), ``conditions`` (workflow conditions), ``defaults`` (known figures, county roll-ups),
``dashboard`` (dashboard figures), ``reminders`` (催报 and notices), ``periods`` (sensitive
periods, zero reports), ``major_events``, ``risks``, ``duty``, ``views/`` (xlsx through ``portal.layout.export``).

Workflows: ``workflows/monthly_report.toml`` (schools and directly-run units) and
``workflows/county_monthly_report.toml`` (county bureaus: internal review before submitting).
"""


def unit_actions(config):
    """The 报表 menu of a unit's page: each link only where the user may use it."""
    from .units import files_here, has_dashboard, is_filing_here

    add = config.add_unit_action
    add("monthly-report", "月报表", "报表", is_filing_here, order=30)
    add("reports-dashboard", "月报汇总", "报表", has_dashboard, order=31)
    add("zero-report", "零报告", "报表", files_here, order=32)
    add("major-events", "重大信访事项报告", "报表", order=33)
    add("risk-ledger", "矛盾隐患排查台账", "报表", order=34)
    add("duty", "值班安排与记录", "报表", order=35)


def install(site):
    """Create what this concern stores on the site (called by evolve step 7; idempotent)."""
    from .store import install_store

    install_store(site)


def includeme(config):
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
    unit_actions(config)
    from portal.security import permissions as P

    config.add_nav_item("reports", "报表", P.VIEW_HOME, order=40)
