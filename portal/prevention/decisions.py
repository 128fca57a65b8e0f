"""Stability risk assessment of major decisions (第六章第二节): 谁决策、谁评估、谁负责.

A :class:`Decision` is a container stored on the unit that decides (a school, a county bureau,
a department, the city bureau), like the monthly report: it holds the unit's
``stability_risk_assessment`` Document and follows ``workflows/decision.toml``
(评估中 → 评估报告已报送 → 已决定实施 / 暂缓实施 / 不予实施). Contract:

* Only the deciding unit's own people register and assess (:func:`may_decide`: a deciding role
  granted on the unit itself); the level above reads, it does not decide for the unit.
* :func:`register_decision` is idempotent by the form's token (``decision-<token>``).
* Submitting the assessment (``submit``) tells the body above and the petition office at once
  (:func:`recipients_above`: the leaders and petition staff of the nearest bureau above, or of
  the city bureau itself for its own departments), and the decision enters the registers of the
  units above (:func:`register_lines`).
* ``implement`` is refused unless the assessment allows it (:func:`implementation_refusal`):
  conclusion "可以实施" or "落实化解措施后实施", and a high or medium risk carries its measures
  and its contingency plan.
"""

import re
from dataclasses import dataclass

from hypatia.query import Eq
from pyramid.traversal import resource_path

from portal.catalog import allowed_query, search
from portal.clock import now, today
from portal.documents.api import add_document, latest_versions, update_document
from portal.i18n import _
from portal.notifications import Kind, notify
from portal.reports.units import path_of, receiving_unit, roles_on
from portal.resources import Unit
from portal.resources.folder import Folder
from portal.security.localroles import people_with
from portal.security.roles import role_ids
from portal.workflow import initialize
from portal.workflow.engine import WORKFLOWS_KEY
from schemas.unit_work import RISKY_LEVELS

CODE = "stability_risk_assessment"
WORKFLOW = "decision"
DECIDER_ROLES = frozenset(role_ids("staff", "handler", "responsible_leader"))
ABOVE_ROLES = role_ids("responsible_leader", "office")
IMPLEMENTABLE = ("proceed", "proceed_with_measures")
TOKEN_RE = re.compile(r"^[a-z0-9]{8,40}$")
KIND_TITLES = {
    "major_decision": _("重大决策"),
    "important_policy": _("重要政策"),
    "major_reform": _("重大改革举措"),
    "key_project": _("重点工程项目"),
    "major_activity": _("重大活动"),
}

SUBMITTED = Kind("decision_assessed", _("重大决策风险评估报告"))


class DecisionError(ValueError):
    """A refused registration; ``str()`` is the Chinese reason."""


class Decision(Folder):
    """A major decision of its unit; its Documents are the assessment report's versions."""

    type_name = "decision"
    document_contexts = ("unit",)

    def __init__(self, matter, kind, summary, planned_on, actor, when):
        super().__init__()
        self.title = matter
        self.matter_kind = kind
        self.summary = summary
        self.planned_on = planned_on
        self.registered_by = actor
        self.created = self.modified = when

    @property
    def unit(self):
        return self.__parent__

    @property
    def kind_title(self):
        return KIND_TITLES.get(self.matter_kind, "")

    def assessment(self):
        """The current version of the assessment report, or None."""
        found = latest_versions(self, CODE)
        return found[0] if found else None

    def notice_label(self):
        return f"{self.__parent__.title}重大决策“{self.title}”"

    def searchable_text(self):
        return f"{self.__parent__.title} {self.title} {self.summary}"


def may_decide(request, unit):
    """True if the user decides for ``unit``: a deciding role granted on the unit itself."""
    return (
        isinstance(unit, Unit)
        and unit.active
        and bool(DECIDER_ROLES & roles_on(unit, request.user_principals))
    )


def decision_key(token):
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise DecisionError(_("表单已失效，请重新打开登记页面填写"))
    return f"decision-{token}"


def register_decision(unit, appstruct, token, request, when=None):
    """Register a decision on ``unit``; returns (decision, created)."""
    key = decision_key(token)
    existing = unit.get(key)
    if existing is not None:
        return existing, False
    when = when or now()
    actor = request.authenticated_userid
    decision = Decision(
        appstruct["matter"],
        appstruct["matter_kind"],
        appstruct.get("summary") or "",
        appstruct.get("planned_on"),
        actor,
        when,
    )
    initialize(decision, request.registry[WORKFLOWS_KEY][WORKFLOW], actor, when)
    unit.add(key, decision, registry=request.registry)
    return decision, True


def initial_assessment(decision, request):
    """The assessment form filled from the portal's data: the matter, its kind, the unit."""
    return {
        "matter": decision.title,
        "matter_kind": decision.matter_kind,
        "decision_unit": decision.unit.title,
        "start_on": today(),
        "end_on": today(),
        "reported_to": frozenset({"party_organisation", "petition_office"}),
        "reported_on": today(),
    }


def save_assessment(decision, appstruct, request):
    """Store the assessment report (a new draft, or the draft's new values); returns it."""
    doc = decision.assessment()
    if doc is None or doc.frozen:
        return add_document(
            decision, CODE, appstruct, request.authenticated_userid, registry=request.registry
        )
    update_document(doc, appstruct, request.authenticated_userid, registry=request.registry)
    return doc


def is_risky(values):
    return values.get("risk_level") in RISKY_LEVELS


def implementation_refusal(decision):
    """Why ``decision`` may not be implemented (Chinese), or None when it may."""
    doc = decision.assessment()
    if doc is None:
        return _("尚未完成社会稳定风险评估")
    values = doc.appstruct
    if values.get("conclusion") not in IMPLEMENTABLE:
        return _("评估结论为暂缓实施或不予实施")
    if is_risky(values) and not (values.get("measures") and values.get("contingency_plan")):
        return _("风险等级为高、中的决策须落实防范化解措施和应急处置工作预案")
    return None


def decided_by_own_unit(decision, request):
    return may_decide(request, decision.__parent__)


decided_by_own_unit.title = _("只能由决策单位本单位人员评估和决定（谁决策、谁评估）")


def assessment_allows_implementation(decision, request):
    return implementation_refusal(decision) is None


assessment_allows_implementation.title = _(
    "评估结论须为可以实施或落实化解措施后实施；风险等级为高、中的，须落实防范化解措施和应急处置工作预案"
)

CONDITIONS = {
    "decided_by_own_unit": decided_by_own_unit,
    "assessment_allows_implementation": assessment_allows_implementation,
}


def recipients_above(unit):
    """The body above and the petition office: leaders and petition staff of the nearest bureau
    above ``unit`` (for the city bureau's own departments and itself: the city bureau)."""
    return people_with(receiving_unit(unit) or unit, ABOVE_ROLES)


def on_transition(event):
    """After ``submit``: tell the body above and the petition office (AfterTransition)."""
    decision = event.object
    if getattr(decision, "type_name", None) != "decision" or event.transition.id != "submit":
        return
    unit = decision.__parent__
    site = unit
    while site.__parent__ is not None:
        site = site.__parent__
    doc = decision.assessment()
    level = dict((("high", _("高")), ("medium", _("中")), ("low", _("低")))).get(
        doc.appstruct.get("risk_level") if doc is not None else None, ""
    )
    title = _(
        "${unit}报送重大决策社会稳定风险评估报告：${decision}（风险等级：${level}）",
        mapping={"unit": unit.title, "decision": decision.title, "level": level},
    )
    people = [p for p in recipients_above(unit) if p != event.actor]
    registry = event.request.registry if event.request is not None else None
    notify(site, people, SUBMITTED.code, title, decision.summary, resource_path(decision), registry=registry)


@dataclass(frozen=True)
class RegisterLine:
    decision: object
    assessment: object  # the current Document or None

    @property
    def values(self):
        return self.assessment.appstruct if self.assessment is not None else {}


def register_lines(request, unit, state=""):
    """Decisions in ``unit``'s subtree: every submitted one, and the unit's own drafts."""
    site = request.root
    cat = site.catalog
    query = (
        Eq(cat["path"], path_of(unit))
        & Eq(cat["type_name"], "decision")
        & allowed_query(site, request.user_principals)
    )
    if state:
        query &= Eq(cat["state"], state)
    results = search(site, query, "created", reverse=True)
    out = []
    for decision in results.all() if results.total else []:
        if decision.workflow_state == "registered" and decision.__parent__ is not unit:
            continue
        out.append(RegisterLine(decision, decision.assessment()))
    return out
