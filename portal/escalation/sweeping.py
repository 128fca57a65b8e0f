"""Escalation outside requests: the ``add_escalation_source`` directive, the notification
kind and the sweep task (included by the concern)."""

from portal.i18n import _
from portal.notifications.kinds import Kind

SUBORDINATE_OVERDUE = Kind("subordinate_overdue", _("下级逾期"))


def includeme(config):
    from .sources import add_escalation_source
    from .sweep import escalate

    config.add_directive("add_escalation_source", add_escalation_source)
    config.add_notification_kind(SUBORDINATE_OVERDUE)
    config.add_sweep_task("escalation", escalate, _("下级逾期升级"))
