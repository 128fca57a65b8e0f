"""Records of a unit's own petition work (第二章, 第五章第三节、第五节、第六节, 第六章第二节).

The leading group, meeting minutes, training plans and records, stability
risk assessments of major decisions, and the lending of archived volumes.
"""

from . import fields as f
from . import vocabularies as voc
from .common import not_before, required_when

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
    name = f.person_name("姓名", identity=False)
    post = f.text("职务", 50)
    group_role = f.choice("小组职务", voc.LEADING_GROUP_ROLES)


def _one_chair(value):
    chairs = [m for m in value.get("members") or () if m.get("group_role") == "chair"]
    if len(chairs) != 1:
        yield "members", "领导小组须有且只有一名组长（由单位主要领导担任）"


class LeadingGroupRoster(f.Form):
    """信访工作领导小组组成: the unit's petition leading group (第二章).

    The principal leader chairs it; it meets, as a rule, once a month (可结合党组会、党委会、
    办公会等方式进行) to analyse the petition situation.
    """

    unit = f.unit_name("单位")
    established_on = f.date("成立（调整）日期")
    members = f.sequence("组成人员", LeadingGroupMember(), min=1, item_title="成员")
    meeting_rule = f.text(
        "会议制度",
        200,
        required=False,
        description="一般每月召开一次会议，可结合党组会、党委会、办公会等方式进行",
    )
    responsibilities = f.long_text("工作职责", 2000, required=False, rows=3)

    rules = (_one_chair,)


class PlannedCourse(f.Group):
    course = f.text("培训名称", 200)
    planned_month = f.integer("计划月份", 1, 12)
    trainees = f.text("培训对象", 200)
    hours = f.integer("学时", 1, 1000)


class TrainingPlan(f.Form):
    """信访业务培训计划: a bureau's yearly training of petition staff (第五章第五节).

    Petition staff are trained in rotation, each at least once a year.
    """

    unit = f.unit_name("制定单位")
    year = f.integer("年度", 2000, 2100)
    courses = f.sequence("培训安排", PlannedCourse(), min=1, item_title="培训")
    secondment = f.long_text(
        "挂职锻炼安排",
        1000,
        required=False,
        rows=3,
        description="抽调直属学校副校级后备干部到信访处（科）室挂职锻炼",
    )
    notes = f.long_text("说明", 1000, required=False, rows=3)


class MeetingMinutes(f.Form):
    """会议记录: minutes of a petition meeting of one of the kinds in 第五章第三节."""

    meeting_kind = f.choice("会议类型", voc.MEETING_KINDS)
    meeting_title = f.text("会议名称", 200)
    held_on = f.date("会议日期")
    place = f.text("会议地点", 100)
    host = f.person_name("主持人", identity=False)
    recorder = f.person_name("记录人", identity=False)
    attendees = f.long_text("出席人员", 1000, rows=3)
    absentees = f.long_text("缺席人员", 500, required=False, rows=2)
    agenda = f.long_text("会议议题", 1000, rows=3)
    content = f.long_text("会议内容", 10000, rows=10)
    decisions = f.long_text("会议决定事项", 3000, required=False)
    confidentiality = f.choice("保密要求", voc.CONFIDENTIALITY, default="internal")
    media_recorded = f.flag("已录音、录像或拍照存档")


class TrainingRecord(f.Form):
    """培训登记: one petition worker's training, fed back to their unit (第五章第五节)."""

    trainee_name = f.person_name("参训人员", identity=False)
    trainee_unit = f.unit_name("所在单位")
    trainee_post = f.text("职务", 50, required=False)
    course = f.text("培训名称", 200)
    organiser = f.unit_name("举办单位")
    start_on = f.date("开始日期")
    end_on = f.date("结束日期")
    hours = f.integer("学时", 1, 1000)
    content = f.long_text("培训内容", 2000)
    result = f.choice("考核结果", voc.TRAINING_RESULTS, default="not_assessed")
    fed_back = f.flag("已反馈原单位")
    fed_back_on = f.date("反馈日期", required=False)

    rules = (
        not_before("end_on", "start_on", "结束日期不得早于开始日期"),
        required_when("fed_back_on", lambda value: value.get("fed_back"), "已反馈的，须填写反馈日期"),
        not_before("fed_back_on", "end_on", "反馈日期不得早于结束日期"),
    )


class StabilityRiskAssessment(f.Form):
    """社会稳定风险评估报告: the assessment of a major decision's risk of unrest.

    Steps of 第六章第二节: team, public survey, analysis, report, use of
    results; each assessed item needs its contingency plan.
    """

    matter = f.text("评估事项", 200)
    matter_kind = f.choice("事项类别", voc.DECISION_KINDS)
    decision_unit = f.unit_name("决策单位")
    team = f.long_text("评估组成员", 1000, rows=3)
    start_on = f.date("评估开始日期")
    end_on = f.date("评估结束日期")
    survey = f.long_text("民意调查情况", 3000)
    analysis = f.long_text("分析论证", 5000, rows=8)
    risk_level = f.choice("风险等级", voc.RISK_LEVELS, radio=True)
    conclusion = f.choice("评估结论", voc.ASSESSMENT_CONCLUSIONS)
    measures = f.long_text("防范化解措施", 3000, required=False, description="风险等级为高、中的，须填写")
    contingency_plan = f.long_text(
        "应急处置工作预案",
        3000,
        required=False,
        description="风险等级为高、中的，须分项目拟制应急处置工作预案",
    )
    reported_to = f.choices(
        "报送", voc.ASSESSMENT_RECIPIENTS, description="评估报告应报上级党组织和信访处（科）室"
    )
    reported_on = f.date("报告日期")

    rules = (
        not_before("end_on", "start_on", "结束日期不得早于开始日期"),
        not_before("reported_on", "end_on", "报告日期不得早于评估结束日期"),
        required_when(
            "measures",
            lambda value: value.get("risk_level") in RISKY_LEVELS,
            "风险等级为高、中的，须填写防范化解措施",
        ),
        required_when(
            "contingency_plan",
            lambda value: value.get("risk_level") in RISKY_LEVELS,
            "风险等级为高、中的，须拟制应急处置工作预案",
        ),
    )


class ArchiveLending(f.Form):
    """档案借阅登记: who read or borrowed a volume, and when it came back."""

    volume_number = f.text("案卷号", 50)
    volume_title = f.text("案卷标题", 200)
    kind = f.choice("利用方式", voc.LENDING_KINDS, radio=True)
    borrower = f.person_name("借阅人", identity=False)
    borrower_unit = f.unit_name("借阅人单位")
    purpose = f.text("借阅目的", 200)
    approved_by = f.person_name("批准人", identity=False)
    lent_on = f.date("借出日期")
    due_back_on = f.date("应还日期", days_ahead=PLANNING_DAYS)
    returned_on = f.date("归还日期", required=False)

    rules = (
        not_before("due_back_on", "lent_on", "应还日期不得早于借出日期"),
        not_before("returned_on", "lent_on", "归还日期不得早于借出日期"),
    )
