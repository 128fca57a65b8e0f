"""Escalation outside requests: the ``add_escalation_source`` directive, the sweep task, and
the source for objects that name their own recipients (included by the concern and by
``portal.SWEEP_CONCERNS``). The notification kind is ``deadline_escalated`` (下级逾期)."""


def includeme(config):
    from portal.notifications.escalation import find_hooked
    from .sources import add_escalation_source
    from .sweep import escalate
    config.add_directive("add_escalation_source", add_escalation_source)
    config.add_sweep_task("escalation", escalate, "下级逾期升级")
    config.add_escalation_source("object_deadline", "逾期事项", find_hooked)
