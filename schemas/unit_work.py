"""Records of a unit's own petition work (第二章, 第五章第三节、第五节、第六节, 第六章第二节).

The leading group, meeting minutes, training plans and records, stability
risk assessments of major decisions, and the lending of archived volumes.
"""

from . import fields as f
from . import vocabularies as voc
from .common import not_before, required_when
from .i18n import _

__all__ = [
    "ArchiveLending",
    "LeadingGroupRoster",
    "MeetingMinutes",
    "StabilityRiskAssessment",
    "TrainingPlan",
    "TrainingRecord",
]

#: Return dates may be set this many days ahead.
PLANNING_DAYS = 366

#: Risk levels that oblige a decision to carry its measures and contingency plan (第六章第二节).
RISKY_LEVELS = frozenset({"high", "medium"})


class LeadingGroupMember(f.Group):
    name = f.person_name(_("姓名"), identity=False)
    post = f.text(_("职务"), 50)
    group_role = f.choice(_("小组职务"), voc.LEADING_GROUP_ROLES)


def _one_chair(value):
    chairs = [m for m in value.get("members") or () if m.get("group_role") == "chair"]
    if len(chairs) != 1:
        yield "members", _("领导小组须有且只有一名组长（由单位主要领导担任）")


class LeadingGroupRoster(f.Form):
    """信访工作领导小组组成: the unit's petition leading group (第二章).

    The principal leader chairs it; it meets, as a rule, once a month (可结合党组会、党委会、
    办公会等方式进行) to analyse the petition situation.
    """

    unit = f.unit_name(_("单位"))
    established_on = f.date(_("成立（调整）日期"))
    members = f.sequence(_("组成人员"), LeadingGroupMember(), min=1, item_title=_("成员"))
    meeting_rule = f.text(
        _("会议制度"),
        200,
        required=False,
        description=_("一般每月召开一次会议，可结合党组会、党委会、办公会等方式进行"),
    )
    responsibilities = f.long_text(_("工作职责"), 2000, required=False, rows=3)

    rules = (_one_chair,)


class PlannedCourse(f.Group):
    course = f.text(_("培训名称"), 200)
    planned_month = f.integer(_("计划月份"), 1, 12)
    trainees = f.text(_("培训对象"), 200)
    hours = f.integer(_("学时"), 1, 1000)


class TrainingPlan(f.Form):
    """信访业务培训计划: a bureau's yearly training of petition staff (第五章第五节).

    Petition staff are trained in rotation, each at least once a year.
    """

    unit = f.unit_name(_("制定单位"))
    year = f.integer(_("年度"), 2000, 2100)
    courses = f.sequence(_("培训安排"), PlannedCourse(), min=1, item_title=_("培训"))
    secondment = f.long_text(
        _("挂职锻炼安排"),
        1000,
        required=False,
        rows=3,
        description=_("抽调直属学校副校级后备干部到信访处（科）室挂职锻炼"),
    )
    notes = f.long_text(_("说明"), 1000, required=False, rows=3)


class MeetingMinutes(f.Form):
    """会议记录: minutes of a petition meeting of one of the kinds in 第五章第三节."""

    meeting_kind = f.choice(_("会议类型"), voc.MEETING_KINDS)
    meeting_title = f.text(_("会议名称"), 200)
    held_on = f.date(_("会议日期"))
    place = f.text(_("会议地点"), 100)
    host = f.person_name(_("主持人"), identity=False)
    recorder = f.person_name(_("记录人"), identity=False)
    attendees = f.long_text(_("出席人员"), 1000, rows=3)
    absentees = f.long_text(_("缺席人员"), 500, required=False, rows=2)
    agenda = f.long_text(_("会议议题"), 1000, rows=3)
    content = f.long_text(_("会议内容"), 10000, rows=10)
    decisions = f.long_text(_("会议决定事项"), 3000, required=False)
    confidentiality = f.choice(_("保密要求"), voc.CONFIDENTIALITY, default="internal")
    media_recorded = f.flag(_("已录音、录像或拍照存档"))


class TrainingRecord(f.Form):
    """培训登记: one petition worker's training, fed back to their unit (第五章第五节)."""

    trainee_name = f.person_name(_("参训人员"), identity=False)
    trainee_unit = f.unit_name(_("所在单位"))
    trainee_post = f.text(_("职务"), 50, required=False)
    course = f.text(_("培训名称"), 200)
    organiser = f.unit_name(_("举办单位"))
    start_on = f.date(_("开始日期"))
    end_on = f.date(_("结束日期"))
    hours = f.integer(_("学时"), 1, 1000)
    content = f.long_text(_("培训内容"), 2000)
    result = f.choice(_("考核结果"), voc.TRAINING_RESULTS, default="not_assessed")
    fed_back = f.flag(_("已反馈原单位"))
    fed_back_on = f.date(_("反馈日期"), required=False)

    rules = (
        not_before("end_on", "start_on", _("结束日期不得早于开始日期")),
        required_when("fed_back_on", lambda value: value.get("fed_back"), _("已反馈的，须填写反馈日期")),
        not_before("fed_back_on", "end_on", _("反馈日期不得早于结束日期")),
    )


class StabilityRiskAssessment(f.Form):
    """社会稳定风险评估报告: the assessment of a major decision's risk of unrest.

    Steps of 第六章第二节: team, public survey, analysis, report, use of
    results; each assessed item needs its contingency plan.
    """

    matter = f.text(_("评估事项"), 200)
    matter_kind = f.choice(_("事项类别"), voc.DECISION_KINDS)
    decision_unit = f.unit_name(_("决策单位"))
    team = f.long_text(_("评估组成员"), 1000, rows=3)
    start_on = f.date(_("评估开始日期"))
    end_on = f.date(_("评估结束日期"))
    survey = f.long_text(_("民意调查情况"), 3000)
    analysis = f.long_text(_("分析论证"), 5000, rows=8)
    risk_level = f.choice(_("风险等级"), voc.RISK_LEVELS, radio=True)
    conclusion = f.choice(_("评估结论"), voc.ASSESSMENT_CONCLUSIONS)
    measures = f.long_text(
        _("防范化解措施"), 3000, required=False, description=_("风险等级为高、中的，须填写")
    )
    contingency_plan = f.long_text(
        _("应急处置工作预案"),
        3000,
        required=False,
        description=_("风险等级为高、中的，须分项目拟制应急处置工作预案"),
    )
    reported_to = f.choices(
        _("报送"), voc.ASSESSMENT_RECIPIENTS, description=_("评估报告应报上级党组织和信访处（科）室")
    )
    reported_on = f.date(_("报告日期"))

    rules = (
        not_before("end_on", "start_on", _("结束日期不得早于开始日期")),
        not_before("reported_on", "end_on", _("报告日期不得早于评估结束日期")),
        required_when(
            "measures",
            lambda value: value.get("risk_level") in RISKY_LEVELS,
            _("风险等级为高、中的，须填写防范化解措施"),
        ),
        required_when(
            "contingency_plan",
            lambda value: value.get("risk_level") in RISKY_LEVELS,
            _("风险等级为高、中的，须拟制应急处置工作预案"),
        ),
    )


class ArchiveLending(f.Form):
    """档案借阅登记: who read or borrowed a volume, and when it came back."""

    volume_number = f.text(_("案卷号"), 50)
    volume_title = f.text(_("案卷标题"), 200)
    kind = f.choice(_("利用方式"), voc.LENDING_KINDS, radio=True)
    borrower = f.person_name(_("借阅人"), identity=False)
    borrower_unit = f.unit_name(_("借阅人单位"))
    purpose = f.text(_("借阅目的"), 200)
    approved_by = f.person_name(_("批准人"), identity=False)
    lent_on = f.date(_("借出日期"))
    due_back_on = f.date(_("应还日期"), days_ahead=PLANNING_DAYS)
    returned_on = f.date(_("归还日期"), required=False)

    rules = (
        not_before("due_back_on", "lent_on", _("应还日期不得早于借出日期")),
        not_before("returned_on", "lent_on", _("归还日期不得早于借出日期")),
    )
