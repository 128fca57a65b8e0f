"""Emergency documents of a unit (第七章 突发信访事件应急处置).

Each unit keeps its contingency plan (应急预案) with its response team; the
plan sets how soon after activation the written report (the existing
``emergency_report``) is due.  The aftermath record closes an incident.
"""

from . import fields as f
from .common import not_before
from .i18n import _

__all__ = [
    "EmergencyAftermath",
    "EmergencyPlan",
]

#: The principle of 第七章, the default of a new plan.
PRINCIPLES = _("统一领导、齐抓共管，快速处置、分级控制，信息主导、重在预防，正确引导、重视舆情")


class TeamMember(f.Group):
    """One member of the response team (应急处置小组)."""

    name = f.person_name(_("姓名"), identity=False)
    post = f.text(_("职务"), 50)
    duty = f.text(_("小组分工"), 100)
    phone = f.phone(_("联系电话"), identity=False, required=True)


class EmergencyPlan(f.Form):
    """信访应急预案: the plan, its response team, and the written report's time limit.

    Contract: ``written_report_days`` (1-30) is the number of days after the
    plan is activated within which the written report is due; the group
    leader (领导小组组长) decides to activate the plan.
    """

    plan_title = f.text(_("预案名称"), 200)
    unit = f.unit_name(_("制定单位"))
    scope = f.long_text(_("适用范围"), 2000, rows=3)
    principles = f.long_text(_("工作原则"), 1000, rows=2)
    group_leader = f.person_name(_("领导小组组长（决定启动预案）"), identity=False)
    members = f.sequence(_("应急处置小组成员"), TeamMember(), min=1, max=50, item_title=_("成员"))
    activation = f.long_text(_("启动条件和程序"), 3000)
    response = f.long_text(_("处置措施"), 5000, rows=8)
    immediate_report = f.long_text(
        _("信息报告"), 1000, rows=3, description=_("特重大以上突发事件立即向上级报告")
    )
    written_report_days = f.integer(
        _("书面报告时限（日）"), 1, 30, description=_("启动预案后须在此期限内书面报告上级有关部门")
    )
    aftermath = f.long_text(_("善后处置"), 2000, rows=3)
    duty_phone = f.phone(_("24小时值班电话"), identity=False, required=True)
    adopted_on = f.date(_("印发日期"))


class EmergencyAftermath(f.Form):
    """善后处置记录: what the responsible unit did after an incident, closing it."""

    unit = f.unit_name(_("责任单位"))
    subject = f.text(_("事件"), 200)
    measures = f.long_text(_("善后处置措施"), 3000)
    stabilisation = f.long_text(_("上访群众思想稳定工作"), 2000)
    resolution = f.long_text(_("矛盾化解情况"), 2000)
    remaining = f.long_text(_("遗留问题及后续安排"), 2000, required=False, rows=3)
    responsible_person = f.person_name(_("责任人"), identity=False)
    started_on = f.date(_("善后处置开始日期"))
    closed_on = f.date(_("善后处置完成日期"))

    rules = (not_before("closed_on", "started_on", _("完成日期不得早于开始日期")),)
