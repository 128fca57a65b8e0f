"""A major risk found in screening goes up at once (第六章第一节).

"发现重大信访矛盾隐患时应立即报告单位主要领导，并报上级主管部门": when a risk-screening ledger
entry (``risk_ledger_entry``, see ``portal.reports.risks``) is added or updated with the
risk level :data:`MAJOR_LEVEL`, the unit's principal leader and everyone up the chain (the
route of the 1-hour major event report, ``portal.reports.major_events.notify_chain``) are told
at once. Contract:

* once per entry: the document records ``escalated_at`` (and ``escalated_to``, the userids),
  so saving the entry again, or lowering and raising its level, tells nobody twice;
* the notice's title names the unit and the screening date, never a person; the risk's
  subject is in the body, which stays in the portal;
* it hangs on ``ObjectAdded`` / ``ObjectModified`` of the document (events for side effects),
  so every way of saving an entry reports it.
"""

from pyramid.traversal import resource_path

from portal.clock import now
from portal.documents import Document
from portal.i18n import _
from portal.layout.frame import format_date_cn
from portal.notifications import Kind
from portal.reports.major_events import notify_chain

MAJOR_RISK = Kind("major_risk", _("重大矛盾隐患报告"))
RISK_CODE = "risk_ledger_entry"
MAJOR_LEVEL = "high"


def is_major(doc):
    return (
        isinstance(doc, Document) and doc.code == RISK_CODE and doc.appstruct.get("risk_level") == MAJOR_LEVEL
    )


def report_major_risk(doc, registry=None, when=None, actor=None):
    """Tell the chain above ``doc``'s unit about the major risk, once; returns the userids
    (``actor``, the person saving it, is not told of their own report)."""
    if not is_major(doc) or getattr(doc, "escalated_at", None) is not None:
        return []
    unit = doc.__parent__
    site = unit
    while site.__parent__ is not None:
        site = site.__parent__
    when = when or now()
    values = doc.appstruct
    found = values.get("found_on")
    title = f"【重大矛盾隐患】{unit.title}排查发现重大信访矛盾隐患" + (
        f"（{format_date_cn(found)}）" if found else ""
    )
    body = (
        f"矛盾隐患：{values.get('subject', '')}；涉及人数：{values.get('headcount', '')}；"
        f"化解期限：{format_date_cn(values['deadline']) if values.get('deadline') else ''}"
    )
    people = notify_chain(
        site,
        unit,
        MAJOR_RISK.code,
        title,
        body,
        resource_path(doc),
        actor=actor or doc.author,
        registry=registry,
    )
    doc.escalated_at = when
    doc.escalated_to = tuple(people)
    return people


def on_document_saved(event):
    """``ObjectAdded`` / ``ObjectModified`` subscriber: report a major risk once."""
    obj = event.object
    if is_major(obj):
        from pyramid.threadlocal import get_current_request

        request = get_current_request()
        report_major_risk(obj, actor=getattr(request, "authenticated_userid", None))
