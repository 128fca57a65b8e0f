"""Assessment and accountability documents (第八章 年度考评, 第九章 责任追究).

The annual assessment scores a unit with quantitative indicators and rates
it on the three qualitative areas of 第八章; a veto item removes the unit's
responsible leaders from that year's awards.  A lower unit that fails is
sent a rectification notice (a lower bureau: a rectification proposal) and
answers with its rectification report; if it stays unremedied or the
consequences are serious, an accountability proposal goes to the body above it.
"""

import deform.widget

from . import fields as f
from . import validators as v
from . import vocabularies as voc
from .common import not_before
from .i18n import _

__all__ = [
    "AccountabilityProposal",
    "AnnualAssessment",
    "RectificationNotice",
    "RectificationProposal",
    "RectificationReport",
]

#: Rectification deadlines may be set this many days ahead.
PLANNING_DAYS = 366


def _computed(node):
    """A value the portal computes and stores with the form; never typed in (hidden)."""
    node.widget = deform.widget.HiddenWidget()
    node.description = _("由系统根据平台记录计算")
    return node


def _adjustment_rules(value):
    if value["score"] > value["max_score"]:
        yield "score", _("得分不得超过分值")
    computed = value.get("computed_score")
    if computed is not None and value["score"] != computed and not value.get("remark"):
        yield "remark", _("调整系统计算得分的，须说明调整理由")


class Indicator(f.Group):
    """One quantitative indicator: its full marks, the score the portal computed from its
    records (``computed_score``, absent where it has no data) and the score given; a score
    that differs from the computed one needs its reason in ``remark``."""

    indicator = f.text(_("指标"), 200)
    max_score = f.score(_("分值"))
    computed_score = _computed(f.score(_("系统计算得分"), required=False))
    score = f.score(_("得分"))
    remark = f.text(_("扣分（调整）说明"), 500, required=False)

    rules = (_adjustment_rules,)


class Qualitative(f.Group):
    """The qualitative ratings on the three areas named in 第八章."""

    organisation = f.choice(_("信访稳定工作组织领导"), voc.QUALITATIVE_RATINGS)
    standardisation = f.choice(_("信访工作规范化建设"), voc.QUALITATIVE_RATINGS)
    screening = f.choice(_("信访矛盾隐患排查与化解"), voc.QUALITATIVE_RATINGS)
    comment = f.long_text(_("定性评价说明"), 2000, required=False, rows=3)


def _veto_rules(value):
    if value.get("veto_items") and not value.get("veto_details"):
        yield "veto_details", _("存在一票否决情形的，须说明具体情况")


class AnnualAssessment(f.Form):
    """年度考评表: one unit's yearly assessment.

    Contract: ``quantitative`` is a list of at least one indicator whose
    score does not exceed its full marks; ``veto_items`` is a frozenset of
    :data:`schemas.vocabularies.VETO_ITEMS` codes, and any veto needs
    ``veto_details``.  Totals are computed by the portal, not entered.
    """

    year = f.integer(_("考评年度"), validator=v.YearRange(2019))
    assessed_unit = f.unit_name(_("被考评单位"))
    quantitative = f.sequence(_("定量指标"), Indicator(), min=1, item_title=_("指标"))
    qualitative = Qualitative(title=_("定性评价"))
    veto_items = f.choices(
        _("一票否决情形"),
        voc.VETO_ITEMS,
        description=_("存在所列情形的，取消相关领导、责任人当年教育系统内评先推优资格"),
    )
    veto_details = f.long_text(_("一票否决情况说明"), 2000, required=False, rows=3)
    overall_comment = f.long_text(_("综合评价"), 2000)
    assessors = f.text(_("考评人员"), 200)
    assessed_on = f.date(_("考评日期"))
    # Totals: computed by the portal when the assessment is saved (portal.assessment.scoring).
    quantitative_total = _computed(f.score(_("定量得分"), required=False))
    qualitative_total = _computed(f.score(_("定性得分"), required=False))
    total = _computed(f.score(_("本单位得分"), required=False))
    schools_average = _computed(f.score(_("所属学校（单位）平均得分"), required=False))
    final_score = _computed(f.score(_("考评得分"), required=False))
    grade = _computed(f.text(_("考评等次"), 30, required=False))

    rules = (_veto_rules,)


class _Rectification(f.Form):
    """Fields common to a rectification notice and a rectification proposal."""

    document_ref = f.text(_("文号"), 50)
    addressee = f.unit_name(_("主送单位"))
    problems = f.long_text(_("存在问题"), 3000)
    basis = f.long_text(_("依据"), 1000, required=False, rows=3)
    requirements = f.long_text(_("整改要求"), 2000)
    due_on = f.date(_("整改期限"), days_ahead=PLANNING_DAYS)
    report_requirements = f.long_text(_("整改情况报送要求"), 500, required=False, rows=2)
    issuing_unit = f.unit_name(_("发文单位"))
    issued_on = f.date(_("发文日期"))

    rules = (not_before("due_on", "issued_on", _("整改期限不得早于发文日期")),)


class RectificationNotice(_Rectification):
    """整改通知书: from the petition office to a lower unit."""


class RectificationProposal(_Rectification):
    """整改建议书: from the petition office above to a lower education bureau."""


class RectificationReport(f.Form):
    """整改情况报告: the unit's answer to a rectification notice or proposal."""

    reporting_unit = f.unit_name(_("报告单位"))
    notice_ref = f.text(_("整改通知书（建议书）文号"), 50)
    measures = f.long_text(_("整改措施"), 3000)
    results = f.long_text(_("整改成效"), 3000)
    remaining = f.long_text(_("尚存问题及下步打算"), 2000, required=False, rows=3)
    responsible_person = f.person_name(_("整改责任人"), identity=False)
    unit_leader = f.person_name(_("单位负责人"), identity=False)
    reported_on = f.date(_("报告日期"))


class ResponsiblePerson(f.Group):
    """One person held responsible, and the proposed form of accountability."""

    name = f.person_name(_("姓名"), identity=False)
    post = f.text(_("职务"), 50)
    responsibility = f.choice(_("责任类别"), voc.RESPONSIBILITY_KINDS)
    proposed_form = f.choice(_("建议追究方式"), voc.ACCOUNTABILITY_FORMS)


class AccountabilityProposal(f.Form):
    """信访责任追究建议书: to the body above a unit that did not rectify in time,
    or where the consequences were serious."""

    document_ref = f.text(_("文号"), 50)
    addressee = f.unit_name(_("主送机关"))
    responsible_unit = f.unit_name(_("责任单位"))
    prior_ref = f.text(_("原整改通知书（建议书）文号"), 50, required=False)
    trigger = f.choice(_("提出建议的情形"), voc.ACCOUNTABILITY_TRIGGERS)
    grounds = f.choices(_("责任追究情形"), voc.ACCOUNTABILITY_GROUNDS, min=1)
    facts = f.long_text(_("基本事实"), 5000, rows=8)
    persons = f.sequence(
        _("责任人员及建议追究方式"), ResponsiblePerson(), min=1, max=50, item_title=_("责任人员")
    )
    issuing_unit = f.unit_name(_("发文单位"))
    issued_on = f.date(_("发文日期"))
