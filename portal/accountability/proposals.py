"""Accountability proposals (信访责任追究建议书, 第九章).

When the addressed unit did not rectify in time ("逾期未改") or the consequences are serious
("造成严重后果"), the head of the issuing petition office proposes accountability to the body
above the responsible unit. The proposal (``accountability_proposal``) names the grounds (of
the four situations of 第九章), and for each person held responsible the kind of
responsibility (直接责任者, 主要领导责任者, 重要领导责任者) and the form proposed (通报批评,
诫勉谈话, 组织处理, 党纪政纪处分, 追究法律责任) -- the regulation's lists, as the schema's
vocabularies. Contract:

* only the head of the issuing office (a role of kind ``head`` granted on the issuing unit itself)
  proposes (:func:`may_propose`);
* the trigger "逾期未整改" is refused while the rectification is not overdue
  (:func:`is_overdue`: its deadline passed without a report, or the report came late);
* the form is filled from the rectification (:func:`initial_proposal`); the proposal is kept
  with the rectification, issued and numbered by the issuing office, and the office's
  leaders are told.
"""

from pyramid.traversal import resource_path

from portal.clock import today
from portal.documents.api import add_document, latest_versions
from portal.i18n import _
from portal.layout.frame import format_date_cn
from portal.notifications import notify
from portal.reports.units import is_bureau, roles_on
from portal.security.localroles import people_with
from portal.security.roles import role_ids

from .rectification import LIMIT, RECTIFICATION, next_ref

CODE = "accountability_proposal"
LEADER_ROLES = role_ids("responsible_leader")
HEAD_ROLES = role_ids("head")


class ProposalError(ValueError):
    """A refused proposal; ``str()`` is the Chinese reason."""


def may_propose(request, rectification):
    held = roles_on(rectification.issuer, request.user_principals)
    return any(role in held for role in HEAD_ROLES)


def is_overdue(rectification, day=None):
    deadline = rectification.deadlines.get(LIMIT)
    if deadline is None:
        return False
    if deadline.is_open:
        return deadline.due.due_date < (day or today())
    return bool(deadline.met_late)


def superior_body(unit):
    """The body above the responsible unit: the education bureau above a school or unit, the
    county's people's government above a county bureau (outside the portal)."""
    if is_bureau(unit):
        return unit.title.removesuffix("教育局") + "人民政府"
    node = unit.__parent__
    while node is not None and not is_bureau(node):
        node = node.__parent__
    return node.title if node is not None else ""


def proposals(rectification):
    return latest_versions(rectification, CODE)


def initial_proposal(rectification):
    unit, issuer = rectification.__parent__, rectification.issuer
    notice = rectification.document()
    ref = (notice.number or notice.appstruct.get("document_ref", "")) if notice else ""
    overdue = is_overdue(rectification)
    facts = (
        f"{issuer.title}于{format_date_cn(rectification.issued_on)}向{unit.title}下发"
        f"《{rectification.title}》（{ref}），要求于{format_date_cn(rectification.due_on)}前"
        "整改并报告整改情况。"
    )
    if overdue:
        facts += "该单位逾期未整改到位。"
    day = today()
    return {
        "document_ref": next_ref(issuer, CODE, day.year),
        "addressee": superior_body(unit),
        "responsible_unit": unit.title,
        "prior_ref": ref,
        "trigger": "overdue" if overdue else "serious_consequences",
        "facts": facts,
        "issuing_unit": issuer.title,
        "issued_on": day,
    }


def file_proposal(rectification, appstruct, request):
    """Keep the proposal with the rectification and tell the issuing office's leaders."""
    if appstruct.get("trigger") == "overdue" and not is_overdue(rectification):
        raise ProposalError("责任单位未逾期整改，不能以“逾期未整改”为由提出责任追究建议")
    doc = add_document(
        rectification, CODE, appstruct, request.authenticated_userid, registry=request.registry
    )
    issuer, unit = rectification.issuer, rectification.__parent__
    people = [p for p in people_with(issuer, LEADER_ROLES) if p != request.authenticated_userid]
    notify(
        request.root,
        people,
        RECTIFICATION.code,
        _(
            "${issuer}信访部门拟向${addressee}提出对${unit}的信访责任追究建议",
            mapping={"issuer": issuer.title, "addressee": appstruct.get("addressee", ""), "unit": unit.title},
        ),
        url=resource_path(doc),
        registry=request.registry,
    )
    return doc
