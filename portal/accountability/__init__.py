"""Accountability (第九章 信访稳定工作责任追究).

Modules: ``rectification`` (rectification notices to lower units and proposals to lower
bureaus, their deadline swept and escalated, closed by the unit's report;
``workflows/rectification.toml``), ``proposals`` (the accountability proposal: grounds, forms
and the responsible persons from the regulation's lists), ``overdue`` (the escalation source of
overdue rectifications), ``views``.
"""


def includeme(config):
    from portal.i18n import _
    from portal.workflow.events import AfterTransition

    from . import rectification

    for name, condition in rectification.CONDITIONS.items():
        config.add_workflow_condition(name, condition)
    config.add_subscriber(rectification.on_transition, AfterTransition)
    config.include(".overdue")
    config.scan(".views")
    config.add_unit_action("rectifications", "整改与责任追究", "预防与问责", order=46)
    from portal.security import permissions as P

    config.add_nav_item("accountability", _("责任追究"), P.VIEW_HOME, order=100)
