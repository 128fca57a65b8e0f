"""Petition emergencies (第七章 突发信访事件应急处置).

Modules: ``plans`` (each unit's emergency plan, a document with versions, and its response
team), ``incidents`` (report → activation by the group leader with the major event report
upward → written report within the plan's time → aftermath; ``workflows/incident.toml``),
``board`` (every open incident of a subtree with its clock), ``overdue`` (the escalation source
of late written reports), ``views``.
"""


def includeme(config):
    from portal.i18n import _
    from portal.workflow.events import AfterTransition

    from . import incidents

    for name, condition in incidents.CONDITIONS.items():
        config.add_workflow_condition(name, condition)
    config.add_subscriber(incidents.on_transition, AfterTransition)
    config.include(".overdue")
    config.scan(".views")
    config.add_unit_action("incidents", "突发信访事件", "预防与问责", order=43)
    config.add_unit_action("emergency-plan", "信访应急预案", "预防与问责", order=44)
    from portal.security import permissions as P

    config.add_nav_item("emergencies", _("应急处置"), P.VIEW_HOME, order=80)
