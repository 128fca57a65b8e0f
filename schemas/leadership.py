"""Documents of the leaders' duties (第四章第一节 to 第三节).

Letters read and instructed on by leaders (《人民来信请示单》《领导批示交办单》
《重要信访案件查结呈审笺》), case ownership (领导包案) and reception days
(领导干部群众接待日).  The names of letter writers are kept secret
(第四章第二节), so the letter documents carry no writer's identity: the
portal shows it from the case only to those allowed to see it.
"""

from . import fields as f
from . import vocabularies as voc
from .common import Petitioner, not_before, required_when
from .i18n import _

__all__ = [
    "InstructionAssignment",
    "LetterRequest",
    "MajorCaseReviewMemo",
    "OwnershipRegister",
    "OwnershipReport",
    "ReceptionRegister",
    "ReceptionSchedule",
]

#: Reception and deadline dates may be set this many days ahead.
PLANNING_DAYS = 366


class LetterRequest(f.Form):
    """人民来信请示单: the petition office submits a letter for a leader's instruction."""

    received_on = f.from_case("received_on", f.date(_("来信收到日期")))
    letter_kind = f.choice(_("来信类别"), voc.LETTER_KINDS)
    signatories = f.integer(_("联名人数"), 1, 10000, required=False, description=_("联名信填写"))
    summary = f.long_text(_("来信主要内容"), 3000, rows=8)
    proposal = f.long_text(_("拟办意见"), 1000)
    submitted_to = f.person_name(_("呈报领导"), identity=False)
    submitted_on = f.date(_("呈报日期"))

    rules = (
        not_before("submitted_on", "received_on", _("呈报日期不得早于来信收到日期")),
        required_when(
            "signatories", lambda value: value.get("letter_kind") == "joint", _("联名信须填写联名人数")
        ),
    )


class InstructionAssignment(f.Form):
    """领导批示交办单: a leader's instruction passed to the unit that must act on it.

    The result goes back to the instructing leader (``feedback_to``).
    """

    leader_name = f.person_name(_("批示领导"), identity=False)
    instructed_on = f.date(_("批示日期"))
    instruction = f.long_text(_("批示内容"), 2000)
    responsible_unit = f.from_case("responsible_unit", f.unit_name(_("承办单位")))
    assigned_on = f.date(_("交办日期"))
    due_on = f.date(_("办结时限"), days_ahead=PLANNING_DAYS)
    requirements = f.long_text(_("办理要求"), 1000, required=False, rows=3)
    feedback_to = f.person_name(_("结果反馈领导"), identity=False)

    rules = (
        not_before("assigned_on", "instructed_on", _("交办日期不得早于批示日期")),
        not_before("due_on", "assigned_on", _("办结时限不得早于交办日期")),
    )


class MajorCaseReviewMemo(f.Form):
    """重要信访案件查结呈审笺: the findings of an important case put to the leader."""

    subject = f.from_case("subject", f.text(_("案件名称"), 200))
    responsible_unit = f.from_case("responsible_unit", f.unit_name(_("承办单位")))
    findings = f.long_text(_("调查核实情况"), 5000, rows=8)
    handling = f.long_text(_("处理情况"), 3000)
    proposal = f.long_text(_("拟结意见"), 1000)
    submitted_to = f.person_name(_("呈审领导"), identity=False)
    submitted_on = f.date(_("呈审日期"))
    leader_opinion = f.long_text(_("领导审批意见"), 1000, required=False, rows=3)


class OwnershipRegister(f.Form):
    """领导包案登记表: a leader takes ownership of a hard case.

    ``five_undertakings`` and ``four_in_person`` are the 五包四亲自
    checklist: frozensets of the codes in
    :data:`schemas.vocabularies.FIVE_UNDERTAKINGS` and ``FOUR_IN_PERSON``
    that have been carried out so far (empty at the start).
    """

    leader_name = f.person_name(_("包案领导"), identity=False)
    leader_post = f.text(_("职务"), 50)
    grounds = f.choice(_("包案情形"), voc.OWNERSHIP_GROUNDS)
    subject = f.from_case("subject", f.text(_("案件名称"), 200))
    responsible_units = f.text(_("责任单位"), 300)
    owned_on = f.date(_("包案日期"))
    target_on = f.date(_("化解时限"), days_ahead=PLANNING_DAYS)
    five_undertakings = f.choices(_("五包落实情况"), voc.FIVE_UNDERTAKINGS)
    four_in_person = f.choices(_("四亲自落实情况"), voc.FOUR_IN_PERSON)
    measures = f.long_text(_("化解措施"), 2000)
    progress = f.long_text(_("进展情况"), 2000, required=False)

    rules = (not_before("target_on", "owned_on", _("化解时限不得早于包案日期")),)


class OwnershipReport(f.Form):
    """包案情况报告: within 5 days of the ownership notice, the units report
    cause, findings and proposal to the owning leader (第四章第三节).

    The 5-day limit is the deadline engine's business; a late report is
    still accepted here.
    """

    leader_name = f.person_name(_("包案领导"), identity=False)
    reporting_unit = f.unit_name(_("报告单位"))
    notified_on = f.date(_("接到包案通知日期"))
    reported_on = f.date(_("报告日期"))
    cause = f.long_text(_("案件发生原因"), 2000)
    findings = f.long_text(_("调查情况"), 3000)
    proposal = f.long_text(_("解决意见"), 2000)

    rules = (not_before("reported_on", "notified_on", _("报告日期不得早于接到包案通知日期")),)


class ReceptionRegister(f.Form):
    """领导接访登记表: one reception by a leader and what became of it."""

    received_on = f.date(_("接访日期"))
    leader_name = f.person_name(_("接访领导"), identity=False)
    leader_post = f.text(_("职务"), 50)
    reception_kind = f.choice(_("接访形式"), voc.RECEPTION_KINDS)
    place = f.text(_("接访地点"), 100)
    petitioner = Petitioner(title=_("来访人"))
    headcount = f.integer(_("来访人数"), 1, 10000)
    problem = f.long_text(_("反映的主要问题"), 3000)
    demands = f.long_text(_("主要诉求"), 2000)
    outcome = f.choice(_("处理方式"), voc.RECEPTION_OUTCOMES, radio=True)
    reply = f.long_text(_("答复或批转意见"), 2000)
    referred_unit = f.unit_name(_("批转单位"), required=False)
    escort_department = f.unit_name(_("陪同接访处（科）室"), required=False)
    recorded = f.flag(_("已录音录像或拍照存档"))

    rules = (
        required_when(
            "referred_unit",
            lambda value: value.get("outcome") == "referred",
            _("批转有关单位的，须填写批转单位"),
        ),
    )


class ReceptionSchedule(f.Form):
    """接访日安排公示: one published reception slot (第四章第一节).

    A leader who cannot attend is replaced only with the principal
    leader's approval: naming a ``substitute_name`` requires the reason and
    ``substitution_approved``.
    """

    leader_name = f.person_name(_("接访领导"), identity=False)
    leader_post = f.text(_("职务"), 50)
    responsibilities = f.text(_("分管工作"), 200)
    reception_date = f.date(_("接访日期"), days_ahead=PLANNING_DAYS)
    start_time = f.time(_("开始时间"))
    end_time = f.time(_("结束时间"))
    place = f.text(_("接访地点"), 100)
    substitute_name = f.person_name(_("代为接访领导"), required=False, identity=False)
    substitute_post = f.text(_("代为接访领导职务"), 50, required=False)
    substitution_reason = f.text(_("代为接访原因"), 200, required=False)
    substitution_approved = f.flag(_("代为接访已经单位主要领导批准"))

    rules = (
        lambda value: (
            [("end_time", _("结束时间应晚于开始时间"))]
            if value["start_time"] and value["end_time"] and value["end_time"] <= value["start_time"]
            else []
        ),
        required_when("substitute_post", lambda value: bool(value.get("substitute_name"))),
        required_when("substitution_reason", lambda value: bool(value.get("substitute_name"))),
        lambda value: (
            [("substitution_approved", _("代为接访须经单位主要领导批准"))]
            if value.get("substitute_name") and not value.get("substitution_approved")
            else []
        ),
    )
