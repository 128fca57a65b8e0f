"""Prevention (第六章 信访矛盾隐患排查预防).

Modules: ``screening`` (a major risk found in screening goes up at once), ``backlog`` (the
long-unresolved cases 积案, with owner and plan until their procedural end), ``decisions`` (the
stability risk assessment of major decisions, ``workflows/decision.toml``), ``store``
(``site.prevention``), ``views/`` (排查与风险, 积案清单, 风险评估登记).

The risk-screening ledger itself is ``portal.reports.risks``; this concern adds what the
regulation asks around it.
"""


def install(site):
    """Create what this concern stores on the site (idempotent; called by an evolve step)."""
    from .store import install_store

    install_store(site)


def includeme(config):
    from portal.i18n import _

    config.include(".evolution")
    from portal.resources.events import ObjectAdded, ObjectModified
    from portal.workflow.events import AfterTransition

    from . import backlog, decisions, screening

    config.add_notification_kind(screening.MAJOR_RISK)
    config.add_notification_kind(decisions.SUBMITTED)

    for name, condition in decisions.CONDITIONS.items():
        config.add_workflow_condition(name, condition)
    config.add_subscriber(screening.on_document_saved, ObjectAdded)
    config.add_subscriber(screening.on_document_saved, ObjectModified)
    config.add_subscriber(backlog.on_transition, AfterTransition)
    config.add_subscriber(decisions.on_transition, AfterTransition)
    config.include(".views")
    config.add_unit_action("prevention-hub", "排查与风险", "预防与问责", order=40)
    config.add_unit_action("backlog", "信访积案清单", "预防与问责", order=41)
    config.add_unit_action("decisions", "重大决策风险评估", "预防与问责", order=42)
    from portal.security import permissions as P

    config.add_nav_item("prevention", _("排查与风险"), P.VIEW_HOME, order=70)
