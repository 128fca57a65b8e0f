"""Documents that conclude a case and its appeals (第五章第一节⑥-⑦, 第四章第六节).

Closing approval and report, the reply, the satisfaction rating, and the
petitioner's two appeals: 复查 (review) and 复核 (re-review), each asked
within 30 days of receiving the written answer and answered within 30 days.
The reply records how and when it was delivered (送达), the day the
review window counts from.  The 30-day windows are the deadline engine's
business; the forms only keep the dates in order.
"""

from . import fields as f
from . import vocabularies as voc
from .common import not_before, required_when
from .i18n import _

__all__ = [
    "ClosingApproval",
    "ClosingReport",
    "Reply",
    "ReviewOpinion",
    "ReviewRequest",
    "RereviewOpinion",
    "RereviewRequest",
    "SatisfactionRating",
]


class ClosingApproval(f.Form):
    """结案呈批签: the petition office asks the leader to approve closing the case."""

    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    responsible_unit = f.from_case("responsible_unit", f.unit_name(_("承办单位")))
    accepted_on = f.from_case("accepted_on", f.date(_("受理日期")))
    concluded_on = f.from_case("concluded_on", f.date(_("办结日期")))
    handling_summary = f.long_text(_("办理情况"), 3000)
    proposal = f.long_text(_("拟结案意见"), 1000)
    submitted_on = f.date(_("呈批日期"))
    leader_opinion = f.long_text(_("领导审批意见"), 1000, required=False, rows=3)

    rules = (
        not_before("concluded_on", "accepted_on", _("办结日期不得早于受理日期")),
        not_before("submitted_on", "concluded_on", _("呈批日期不得早于办结日期")),
    )


class ClosingReport(f.Form):
    """结案报告: the responsible unit's report concluding the case, sent to the
    petition office above in the prescribed format (第五章第一节⑥)."""

    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    petitioner_name = f.from_case("petitioner.name", f.person_name(_("信访人姓名"), identity=True))
    channel = f.from_case("channel", f.choice(_("信访形式"), voc.CHANNELS))
    responsible_unit = f.from_case("responsible_unit", f.unit_name(_("责任单位")))
    accepted_on = f.from_case("accepted_on", f.date(_("受理日期")))
    concluded_on = f.date(_("办结日期"))
    facts = f.long_text(_("调查核实情况"), 5000, rows=8)
    result = f.long_text(_("处理结果"), 3000)
    petitioner_response = f.long_text(_("信访人意见"), 1000)
    stability_measures = f.long_text(_("稳控措施"), 1000, required=False, rows=3)
    reported_to = f.from_case("assigning_unit", f.unit_name(_("报送单位")))
    unit_leader = f.person_name(_("单位负责人"), identity=False)
    reported_on = f.date(_("报告日期"))

    rules = (
        not_before("concluded_on", "accepted_on", _("办结日期不得早于受理日期")),
        not_before("reported_on", "concluded_on", _("报告日期不得早于办结日期")),
    )


class Reply(f.Form):
    """答复意见书: the written answer to the petitioner or to the assigning body.

    Contract: the petitioner is never typed in: ``petitioner_name`` comes from the case
    (when the reply is signed off, by someone allowed to see it); ``addressee`` names the
    higher body, and only a reply to a higher body has one.
    """

    addressee_kind = f.choice(_("答复对象"), voc.REPLY_ADDRESSEES, radio=True)
    petitioner_name = f.from_case("petitioner.name", f.person_name(_("信访人姓名"), identity=True))
    addressee = f.unit_name(_("答复机关名称"), required=False, description=_("答复上级机关时填写"))
    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    content = f.long_text(_("答复内容"), 5000, rows=8)
    delivery = f.choice(_("送达方式"), voc.DELIVERY_METHODS)
    issuing_unit = f.from_case("registering_unit", f.unit_name(_("答复单位")))
    replied_on = f.date(_("答复日期"))
    delivered_on = f.date(
        _("送达日期"),
        required=False,
        description="信访人收到答复的日期；邮寄等尚未送达的可暂不填写，"
        "送达后在事项页面登记。复查申请期限自送达之日起计算",
    )

    rules = (not_before("delivered_on", "replied_on", _("送达日期不得早于答复日期")),)

    rules = (
        required_when(
            "addressee",
            lambda value: value.get("addressee_kind") == "higher_body",
            _("答复上级机关的，须填写机关名称"),
        ),
    )


class SatisfactionRating(f.Form):
    """满意度评价表: the petitioner's rating of how the case was handled."""

    rating = f.choice(_("总体评价"), voc.SATISFACTION, radio=True)
    attitude = f.choice(_("工作态度"), voc.SATISFACTION, required=False, radio=True)
    timeliness = f.choice(_("办理时效"), voc.SATISFACTION, required=False, radio=True)
    comments = f.long_text(_("意见和建议"), 1000, required=False, rows=3)
    rated_on = f.date(_("评价日期"))


class _AppealRequest(f.Form):
    """Fields of a petitioner's request for review or re-review."""

    petitioner_name = f.from_case("petitioner.name", f.person_name(_("申请人姓名"), identity=True))
    id_number = f.from_case("petitioner.id_number", f.id_number(required=False))
    phone = f.from_case("petitioner.phone", f.phone(_("联系电话"), identity=True, required=True))
    address = f.from_case("petitioner.address", f.address(_("通讯地址"), identity=True, required=True))
    postal_code = f.postal_code(identity=True, required=False)
    addressed_to = f.unit_name(_("申请机关"))
    reasons = f.long_text(_("请求事项及理由"), 3000)
    requested_on = f.date(_("申请日期"))


class ReviewRequest(_AppealRequest):
    """复查申请: asked of the body above within 30 days of the handling opinion."""

    opinion_ref = f.from_case("handling_opinion_number", f.text(_("原处理意见书文号"), 50, required=False))
    opinion_received_on = f.date(_("收到处理意见书日期"))

    rules = (not_before("requested_on", "opinion_received_on", _("申请日期不得早于收到处理意见书日期")),)


class RereviewRequest(_AppealRequest):
    """复核申请: asked within 30 days of the review opinion."""

    opinion_ref = f.from_case("review_opinion_number", f.text(_("复查意见书文号"), 50, required=False))
    opinion_received_on = f.date(_("收到复查意见书日期"))

    rules = (not_before("requested_on", "opinion_received_on", _("申请日期不得早于收到复查意见书日期")),)


class _AppealOpinion(f.Form):
    """Fields of the written answer to a review or re-review request."""

    petitioner_name = f.from_case("petitioner.name", f.person_name(_("申请人姓名"), identity=True))
    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    requested_on = f.date(_("收到申请日期"))
    facts = f.long_text(_("查明事实"), 5000, rows=8)
    conclusion = f.choice(_("结论"), voc.APPEAL_CONCLUSIONS)
    reasoning = f.long_text(_("理由及依据"), 3000)
    issuing_unit = f.unit_name(_("出具机关"))
    issued_on = f.date(_("出具日期"))

    rules = (not_before("issued_on", "requested_on", _("出具日期不得早于收到申请日期")),)


class ReviewOpinion(_AppealOpinion):
    """复查意见书: names where the petitioner may ask for 复核."""

    rereview_body = f.from_case(
        "rereview_body",
        f.unit_name(
            _("复核机关"),
            description=_("信访人对复查意见不服的，可自收到本意见书之日起30日内向该机关申请复核"),
        ),
    )


class RereviewOpinion(_AppealOpinion):
    """复核意见书: the last word on the matter; the printed form states that the
    same matter is not taken up again (复核意见为终结意见)."""
