"""The notification kinds of the duties (registered by ``portal.duties.sweep``), and sending them.

Titles name units, days and leaders, never a petitioner (mail carries the title and a link).
"""

from pyramid.traversal import resource_path

from portal.i18n import _
from portal.notifications import Kind, notify  # noqa: F401  (Kind re-used)

REMINDER = Kind("duty_reminder", _("工作制度提醒"))
MISSED = Kind("duty_missed", _("工作制度未落实"))
RECEPTION = Kind("reception_schedule", _("领导接访日安排"))
SUBSTITUTION = Kind("reception_substitution", _("代为接访审批"))
TRAINING = Kind("training_feedback", _("培训情况反馈"))


def url_of(unit, view, **query):
    from urllib.parse import urlencode

    path = (resource_path(unit) or "") + "/@@" + view
    return path + ("?" + urlencode(query) if query else "")


def send(site, userids, kind, title, body="", url="", registry=None, when=None):
    """Notify ``userids`` (deduplicated, inactive skipped); returns how many were notified."""
    userids = [u for u in dict.fromkeys(userids) if u]
    if not userids:
        return 0
    return len(notify(site, userids, kind.code, title, body, url, registry=registry, now=when))
