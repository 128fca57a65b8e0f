"""Documents of handling a case (第五章第一节②-⑤, 第四章第六节).

Filing, assignment, supervision and reminders; the one extension of at
most 30 days; joint review; the responsible unit's investigation report
and written handling opinion.
"""

from . import fields as f
from .common import PetitionerNotice, not_before
from .i18n import _

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

    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    received_on = f.from_case("received_on", f.date(_("收到日期")))
    summary = f.long_text(_("基本情况"), 3000)
    reasons = f.long_text(_("立案理由"), 1000)
    proposed_unit = f.unit_name(_("拟承办单位"))
    submitted_on = f.date(_("呈报日期"))
    approver_opinion = f.long_text(_("领导审批意见"), 1000, required=False, rows=3)

    rules = (not_before("submitted_on", "received_on", _("呈报日期不得早于收到日期")),)


class _Slip(f.Form):
    """Fields common to the assignment, supervision and reminder slips."""

    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    unit = f.unit_name(_("承办单位"))
    issued_on = f.date(_("发出日期"))
    due_on = f.date(_("办结（反馈）时限"), days_ahead=PLANNING_DAYS)
    requirements = f.long_text(_("办理要求"), 1000)
    issuing_unit = f.unit_name(_("发出单位"))
    contact_person = f.person_name(_("联系人"), identity=False)
    contact_phone = f.phone(_("联系电话"), required=True, identity=False)

    rules = (not_before("due_on", "issued_on", _("时限不得早于发出日期")),)


class AssignmentSlip(_Slip):
    """交办单: the case is assigned to a responsible unit or department."""


class SupervisionSlip(_Slip):
    """督办单: the petition office presses a unit on a case, with a deadline."""

    assigned_on = f.from_case("assigned_on", f.date(_("原交办日期")))
    problems = f.long_text(_("督办事由"), 1000)

    rules = _Slip.rules + (not_before("issued_on", "assigned_on", _("督办日期不得早于原交办日期")),)


class ReminderSlip(_Slip):
    """催办单: the petition office asks a unit to hurry."""

    original_due_on = f.from_case("handling_due", f.date(_("原办结时限"), days_ahead=PLANNING_DAYS))
    reminder_number = f.integer(_("催办次数"), 1, 99, description=_("第几次催办"))


class ExtensionApproval(f.Form):
    """延期办理审批表: request and approval of the one extension.

    Contract: ``extension_days`` is an integer from 1 to 30; the request is
    made before the original time limit runs out (``applied_on`` not after
    ``original_due_on``).  Whether an extension was already granted is the
    workflow's check, not the form's.
    """

    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    applicant_unit = f.from_case("responsible_unit", f.unit_name(_("申请单位")))
    accepted_on = f.from_case("accepted_on", f.date(_("受理日期")))
    original_due_on = f.from_case("handling_due", f.date(_("原办结时限"), days_ahead=PLANNING_DAYS))
    extension_days = f.integer(_("延长天数"), 1, MAX_EXTENSION_DAYS, description=_("延长期限不得超过30日"))
    reasons = f.long_text(_("延期理由"), 1000)
    applied_on = f.date(_("申请日期"))
    approver = f.person_name(_("审批人"), required=False, identity=False)
    approver_opinion = f.long_text(_("审批意见"), 1000, required=False, rows=3)

    rules = (
        not_before("original_due_on", "accepted_on", _("原办结时限不得早于受理日期")),
        not_before("applied_on", "accepted_on", _("申请日期不得早于受理日期")),
        not_before("original_due_on", "applied_on", _("延期申请应在原办结时限届满前提出")),
    )


class ExtensionNotice(PetitionerNotice):
    """延期告知书: the petitioner is told of the extension and its reason (by the unit
    handling the case)."""

    issuing_unit = f.from_case("responsible_unit", f.unit_name(_("告知单位")))
    accepted_on = f.from_case("accepted_on", f.date(_("受理日期")))
    extension_days = f.integer(_("延长天数"), 1, MAX_EXTENSION_DAYS)
    new_due_on = f.date(_("延长后的办结时限"), days_ahead=PLANNING_DAYS)
    reasons = f.long_text(_("延期理由"), 1000)

    rules = (
        not_before("issued_on", "received_on", _("告知日期不得早于收到信访事项日期")),
        not_before("new_due_on", "accepted_on", _("办结时限不得早于受理日期")),
    )


class JointReviewMinutes(f.Form):
    """会审纪要: several departments review a hard case together."""

    subject = f.from_case("subject", f.text(_("会审事项"), 200))
    held_on = f.date(_("会审日期"))
    place = f.text(_("会审地点"), 100)
    host = f.person_name(_("主持人"), identity=False)
    participants = f.long_text(_("参加单位及人员"), 1000, rows=3)
    case_summary = f.long_text(_("案件基本情况"), 3000)
    opinions = f.long_text(_("各方意见"), 3000)
    conclusion = f.long_text(_("会审结论"), 2000)
    division_of_work = f.long_text(_("责任分工及时限"), 2000)
    recorder = f.person_name(_("记录人"), identity=False)


class InvestigationReport(f.Form):
    """责任单位调查处理报告: what the responsible unit found and did."""

    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    responsible_unit = f.from_case("responsible_unit", f.unit_name(_("责任单位")))
    investigators = f.text(_("调查人员"), 200)
    facts = f.long_text(_("调查核实情况"), 5000, rows=8)
    basis = f.long_text(_("政策法律依据"), 2000)
    handling = f.long_text(_("处理情况"), 3000)
    petitioner_response = f.long_text(_("信访人意见"), 1000, required=False, rows=3)
    unit_leader = f.person_name(_("单位负责人"), identity=False)
    reported_on = f.date(_("报告日期"))


class HandlingOpinion(PetitionerNotice):
    """信访事项书面处理意见书及稳控措施: the unit's written decision and the
    measures to keep the situation calm (第五章第一节⑤, 第五章第六节).

    ``review_body`` is where the petitioner may ask for 复查 within 30 days.
    """

    issuing_unit = f.from_case("responsible_unit", f.unit_name(_("出具单位")))
    issued_on = f.date(_("出具日期"))
    facts = f.long_text(_("查明事实"), 5000, rows=8)
    basis = f.long_text(_("处理依据"), 2000)
    opinion = f.long_text(_("处理意见"), 3000)
    stability_measures = f.long_text(_("稳控措施"), 2000)
    review_body = f.from_case(
        "review_body",
        f.unit_name(
            _("复查机关"),
            description=_("信访人对处理意见不服的，可自收到本意见书之日起30日内向该机关申请复查"),
        ),
    )
    department_review = f.long_text(_("业务处（科）室审核意见"), 1000, required=False, rows=3)

    rules = (not_before("issued_on", "received_on", _("出具日期不得早于收到信访事项日期")),)
