"""Reports a unit files upward, and its screening records
(第四章第五节 信息报告, 第六章第一节 矛盾隐患排查, 第七章 应急处置).

Due times (the 25th of the month, 1 hour for a major event, daily zero
reports in sensitive periods) are the deadline engine's business; these
forms record the content and the times it needs.
"""

from . import fields as f
from . import vocabularies as voc
from .common import not_before, required_when
from .i18n import _

__all__ = [
    "DutyLog",
    "EmergencyReport",
    "MajorEventReport",
    "MonthlyReport",
    "RiskLedgerEntry",
    "ZeroReport",
]

#: Deadlines for resolving a risk may be set this many days ahead.
PLANNING_DAYS = 366


class _Reporter(f.Form):
    """Who files a report, for which unit."""

    unit = f.unit_name(_("报送单位"))
    reporter = f.person_name(_("填报人"), identity=False)
    reporter_phone = f.phone(_("联系电话"), required=True, identity=False)


# --- monthly report ------------------------------------------------------------


class LevelSkippingItem(f.Group):
    occurred_on = f.date(_("发生日期"))
    destination = f.choice(_("去向"), voc.LEVEL_SKIPPING_DESTINATIONS)
    headcount = f.integer(_("人数"), 1, 10000)
    subject = f.text(_("反映问题"), 200)
    handling = f.long_text(_("处置情况"), 1000, rows=3)


class RiskItem(f.Group):
    subject = f.text(_("可能发生的上访事项"), 200)
    headcount = f.integer(_("涉及人数"), 1, 100000)
    destination = f.choice(_("可能去向"), voc.LEVEL_SKIPPING_DESTINATIONS)
    measures = f.long_text(_("稳控化解措施"), 1000, rows=3)
    responsible_person = f.person_name(_("责任人"), identity=False)


class MajorCaseItem(f.Group):
    subject = f.text(_("重大信访事项"), 200)
    progress = f.long_text(_("处理进展"), 1000, rows=3)


class IncidentItem(f.Group):
    subject = f.text(_("事件"), 200)
    ongoing = f.flag(_("正在发生"))
    description = f.long_text(_("基本情况"), 1000, rows=3)
    measures = f.long_text(_("应对措施"), 1000, rows=3)


class MonthlyReport(_Reporter):
    """月报表: every unit's report to the city petition office by the 25th.

    Each section is a list; an empty list means nothing to report in it.
    """

    month = f.month(_("报告月份"))
    level_skipping = f.sequence(_("本单位越级上访情况"), LevelSkippingItem(), item_title=_("越级上访"))
    risks = f.sequence(_("经排查可能发生到市及以上上访的情况"), RiskItem(), item_title=_("隐患"))
    major_cases = f.sequence(_("重大信访事项处理进展"), MajorCaseItem(), item_title=_("事项"))
    incidents = f.sequence(
        _("可能或正在发生的影响社会公共场所和人员安全的突发性事件"), IncidentItem(), item_title=_("事件")
    )
    other_matters = f.long_text(_("其他需要报告的信访事项"), 3000, required=False)
    unit_leader = f.person_name(_("单位负责人"), identity=False)
    reported_on = f.date(_("报送日期"))


# --- zero report -----------------------------------------------------------------


class ZeroReportItem(f.Group):
    subject = f.text(_("事项"), 200)
    headcount = f.integer(_("涉及人数"), 1, 100000, required=False)
    description = f.long_text(_("基本情况"), 1000, rows=3)
    measures = f.long_text(_("稳控措施"), 1000, rows=3)


def _zero_report_rules(value):
    if value.get("kind") == "nothing" and value.get("items"):
        yield "items", _("零报告不应填写事项；有情况的请选择“有情况”")
    if value.get("kind") == "items" and not value.get("items"):
        yield "items", _("有情况的须至少填写1项")


class ZeroReport(_Reporter):
    """零报告: the daily report in a sensitive period -- nothing, or the items."""

    report_date = f.date(_("报告日期"))
    kind = f.choice(_("报告情况"), voc.ZERO_REPORT_KINDS, radio=True)
    items = f.sequence(_("需要报告的事项"), ZeroReportItem(), item_title=_("事项"))

    rules = (_zero_report_rules,)


# --- major event and emergency ------------------------------------------------------


class MajorEventReport(_Reporter):
    """重大信访事项报告: reported upward within 1 hour of the event."""

    event_time = f.datetime_(_("发生时间"))
    place = f.text(_("发生地点"), 200)
    headcount = f.integer(_("涉及人数"), 1, 100000)
    subject = f.text(_("事由"), 200)
    description = f.long_text(_("基本情况"), 3000)
    demands = f.long_text(_("主要诉求"), 1000)
    measures_taken = f.long_text(_("已采取的措施"), 2000)
    leader_on_site = f.person_name(_("现场负责领导"), required=False, identity=False)
    reported_at = f.datetime_(_("报告时间"))

    rules = (not_before("reported_at", "event_time", _("报告时间不得早于发生时间")),)


class EmergencyReport(_Reporter):
    """应急处置情况报告: the written report after a petition emergency (第七章)."""

    event_time = f.datetime_(_("发生时间"))
    place = f.text(_("发生地点"), 200)
    headcount = f.integer(_("涉及人数"), 1, 100000)
    subject = f.text(_("事由"), 200)
    plan_activated = f.flag(_("已启动应急预案"))
    activated_by = f.person_name(_("决定启动预案的领导"), required=False, identity=False)
    course = f.long_text(_("事件经过"), 3000)
    handling = f.long_text(_("处置情况"), 3000)
    aftermath = f.long_text(_("善后处置及矛盾化解"), 2000)
    reported_on = f.date(_("报告日期"))

    rules = (
        required_when(
            "activated_by",
            lambda value: value.get("plan_activated"),
            _("启动应急预案的，须填写决定启动的领导"),
        ),
        not_before("reported_on", "event_time", _("报告日期不得早于发生日期")),
    )


# --- screening ledger and duty log ---------------------------------------------------


class RiskLedgerEntry(f.Form):
    """矛盾隐患排查台账条目: one screened risk, who resolves it, and by when.

    ``family_in_hardship`` marks a staff member's or student's family in
    economic hardship, to be helped within policy (第六章第一节).
    """

    found_on = f.date(_("排查日期"))
    subject = f.text(_("矛盾隐患"), 200)
    description = f.long_text(_("基本情况"), 3000)
    headcount = f.integer(_("涉及人数"), 1, 100000)
    risk_level = f.choice(_("风险等级"), voc.RISK_LEVELS, radio=True)
    responsible_unit = f.unit_name(_("责任单位"))
    responsible_person = f.person_name(_("责任人"), identity=False)
    deadline = f.date(_("化解期限"), days_ahead=PLANNING_DAYS)
    measures = f.long_text(_("化解措施"), 2000)
    status = f.choice(_("化解状态"), voc.RISK_STATUSES, default="open")
    resolved_on = f.date(_("化解日期"), required=False)
    family_in_hardship = f.flag(_("经济生活困难家庭"))
    assistance = f.long_text(_("帮扶救助情况"), 1000, required=False, rows=3)

    rules = (
        not_before("deadline", "found_on", _("化解期限不得早于排查日期")),
        required_when(
            "resolved_on", lambda value: value.get("status") == "resolved", _("已化解的，须填写化解日期")
        ),
        not_before("resolved_on", "found_on", _("化解日期不得早于排查日期")),
    )


class DutyLog(f.Form):
    """值班记录: one duty shift in a sensitive period (24-hour duty line)."""

    duty_date = f.date(_("值班日期"))
    period_name = f.text(_("重点时期名称"), 100, required=False)
    officer = f.person_name(_("值班人员"), identity=False)
    leader = f.person_name(_("带班领导"), required=False, identity=False)
    calls = f.long_text(_("来电来访及报告情况"), 3000, required=False)
    handling = f.long_text(_("处理情况"), 3000, required=False)
    handover = f.long_text(_("交接班事项"), 1000, required=False, rows=3)
