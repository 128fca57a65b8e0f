"""Documents of handling a case (第五章第一节②-⑤, 第四章第六节).

Filing, assignment, supervision and reminders; the one extension of at
most 30 days; joint review; the responsible unit's investigation report
and written handling opinion.
"""

from . import fields as f
from .common import PetitionerNotice, not_before

__all__ = [
    "AssignmentSlip",
    "ExtensionApproval",
    "ExtensionNotice",
    "FilingRequest",
    "HandlingOpinion",
    "InvestigationReport",
    "JointReviewMinutes",
    "MAX_EXTENSION_DAYS",
    "ReminderSlip",
    "SupervisionSlip",
]

#: A complex case may be extended once, by at most this many days.
MAX_EXTENSION_DAYS = 30

#: Deadlines may be set this many days ahead.
PLANNING_DAYS = 366


class FilingRequest(f.Form):
    """立案请示签: the petition office asks for the case to be filed and assigned."""

    subject = f.from_case("subject", f.text("信访事项", 200))
    received_on = f.from_case("received_on", f.date("收到日期"))
    summary = f.long_text("基本情况", 3000)
    reasons = f.long_text("立案理由", 1000)
    proposed_unit = f.unit_name("拟承办单位")
    submitted_on = f.date("呈报日期")
    approver_opinion = f.long_text("领导审批意见", 1000, required=False, rows=3)

    rules = (not_before("submitted_on", "received_on", "呈报日期不得早于收到日期"),)


class _Slip(f.Form):
    """Fields common to the assignment, supervision and reminder slips."""

    subject = f.from_case("subject", f.text("信访事项", 200))
    unit = f.unit_name("承办单位")
    issued_on = f.date("发出日期")
    due_on = f.date("办结（反馈）时限", days_ahead=PLANNING_DAYS)
    requirements = f.long_text("办理要求", 1000)
    issuing_unit = f.unit_name("发出单位")
    contact_person = f.person_name("联系人", identity=False)
    contact_phone = f.phone("联系电话", required=True, identity=False)

    rules = (not_before("due_on", "issued_on", "时限不得早于发出日期"),)


class AssignmentSlip(_Slip):
    """交办单: the case is assigned to a responsible unit or department."""


class SupervisionSlip(_Slip):
    """督办单: the petition office presses a unit on a case, with a deadline."""

    assigned_on = f.from_case("assigned_on", f.date("原交办日期"))
    problems = f.long_text("督办事由", 1000)

    rules = _Slip.rules + (not_before("issued_on", "assigned_on", "督办日期不得早于原交办日期"),)


class ReminderSlip(_Slip):
    """催办单: the petition office asks a unit to hurry."""

    original_due_on = f.from_case("handling_due", f.date("原办结时限", days_ahead=PLANNING_DAYS))
    reminder_number = f.integer("催办次数", 1, 99, description="第几次催办")


class ExtensionApproval(f.Form):
    """延期办理审批表: request and approval of the one extension.

    Contract: ``extension_days`` is an integer from 1 to 30; the request is
    made before the original time limit runs out (``applied_on`` not after
    ``original_due_on``).  Whether an extension was already granted is the
    workflow's check, not the form's.
    """

    subject = f.from_case("subject", f.text("信访事项", 200))
    applicant_unit = f.from_case("responsible_unit", f.unit_name("申请单位"))
    accepted_on = f.from_case("accepted_on", f.date("受理日期"))
    original_due_on = f.from_case("handling_due", f.date("原办结时限", days_ahead=PLANNING_DAYS))
    extension_days = f.integer("延长天数", 1, MAX_EXTENSION_DAYS, description="延长期限不得超过30日")
    reasons = f.long_text("延期理由", 1000)
    applied_on = f.date("申请日期")
    approver = f.person_name("审批人", required=False, identity=False)
    approver_opinion = f.long_text("审批意见", 1000, required=False, rows=3)

    rules = (
        not_before("original_due_on", "accepted_on", "原办结时限不得早于受理日期"),
        not_before("applied_on", "accepted_on", "申请日期不得早于受理日期"),
        not_before("original_due_on", "applied_on", "延期申请应在原办结时限届满前提出"),
    )


class ExtensionNotice(PetitionerNotice):
    """延期告知书: the petitioner is told of the extension and its reason (by the unit
    handling the case)."""

    issuing_unit = f.from_case("responsible_unit", f.unit_name("告知单位"))
    accepted_on = f.from_case("accepted_on", f.date("受理日期"))
    extension_days = f.integer("延长天数", 1, MAX_EXTENSION_DAYS)
    new_due_on = f.date("延长后的办结时限", days_ahead=PLANNING_DAYS)
    reasons = f.long_text("延期理由", 1000)

    rules = (
        not_before("issued_on", "received_on", "告知日期不得早于收到信访事项日期"),
        not_before("new_due_on", "accepted_on", "办结时限不得早于受理日期"),
    )


class JointReviewMinutes(f.Form):
    """会审纪要: several departments review a hard case together."""

    subject = f.from_case("subject", f.text("会审事项", 200))
    held_on = f.date("会审日期")
    place = f.text("会审地点", 100)
    host = f.person_name("主持人", identity=False)
    participants = f.long_text("参加单位及人员", 1000, rows=3)
    case_summary = f.long_text("案件基本情况", 3000)
    opinions = f.long_text("各方意见", 3000)
    conclusion = f.long_text("会审结论", 2000)
    division_of_work = f.long_text("责任分工及时限", 2000)
    recorder = f.person_name("记录人", identity=False)


class InvestigationReport(f.Form):
    """责任单位调查处理报告: what the responsible unit found and did."""

    subject = f.from_case("subject", f.text("信访事项", 200))
    responsible_unit = f.from_case("responsible_unit", f.unit_name("责任单位"))
    investigators = f.text("调查人员", 200)
    facts = f.long_text("调查核实情况", 5000, rows=8)
    basis = f.long_text("政策法律依据", 2000)
    handling = f.long_text("处理情况", 3000)
    petitioner_response = f.long_text("信访人意见", 1000, required=False, rows=3)
    unit_leader = f.person_name("单位负责人", identity=False)
    reported_on = f.date("报告日期")


class HandlingOpinion(PetitionerNotice):
    """信访事项书面处理意见书及稳控措施: the unit's written decision and the
    measures to keep the situation calm (第五章第一节⑤, 第五章第六节).

    ``review_body`` is where the petitioner may ask for 复查 within 30 days.
    """

    issuing_unit = f.from_case("responsible_unit", f.unit_name("出具单位"))
    issued_on = f.date("出具日期")
    facts = f.long_text("查明事实", 5000, rows=8)
    basis = f.long_text("处理依据", 2000)
    opinion = f.long_text("处理意见", 3000)
    stability_measures = f.long_text("稳控措施", 2000)
    review_body = f.from_case(
        "review_body",
        f.unit_name(
            "复查机关", description="信访人对处理意见不服的，可自收到本意见书之日起30日内向该机关申请复查"
        ),
    )
    department_review = f.long_text("业务处（科）室审核意见", 1000, required=False, rows=3)

    rules = (not_before("issued_on", "received_on", "出具日期不得早于收到信访事项日期"),)
