"""Documents of a case's first steps (第五章第一节①, 第五章第二节, 第四章第四节).

Registration (接待登记) and the petitioner's notice of acceptance, of
non-acceptance, or of forwarding; and the first-contact record.
"""

from . import fields as f
from . import vocabularies as voc
from .common import (
    Petitioner,
    PetitionerNotice,
    Representative,
    not_before,
    notice_dates,
    required_when,
)
from .i18n import _

__all__ = [
    "AcceptanceNotice",
    "DeclineNotice",
    "FirstContact",
    "ForwardNotice",
    "MAX_REPRESENTATIVES",
    "Registration",
]

#: A group petition chooses at most this many representatives.
MAX_REPRESENTATIVES = 5


def _group_rules(value):
    """A group petition has 2+ people and 1+ representatives; others have none."""
    representatives = value.get("representatives") or []
    headcount = value.get("headcount")
    if value.get("is_group"):
        if headcount is None:
            yield "headcount", _("集体访须填写人数")
        elif headcount < 2:
            yield "headcount", _("集体访人数应不少于2人")
        if not representatives:
            yield "representatives", _("集体访须至少登记1名代表")
        elif headcount is not None and len(representatives) > headcount:
            yield "representatives", _("代表人数不得超过来访人数")
    elif representatives:
        yield "representatives", _("非集体访无需登记代表，请删除或勾选“集体访”")


class Registration(f.Form):
    """接待登记: who petitions, through which channel, about what, asking what.

    Contract: ``representatives`` is a list of 0 to 5 mappings; a group
    petition (``is_group``) needs at least one and at least 2 people
    (``headcount``, asked only for a group: a single petitioner's is 1,
    whatever was posted); a case handed down by a higher body names that
    body.
    """

    channel = f.choice(_("信访形式"), voc.CHANNELS)
    received_on = f.date(_("收到日期"))
    handed_down_by = f.unit_name(
        _("交办机关"), required=False, description=_("上级交办、转办、督办的信访事项填写")
    )
    handed_down_ref = f.text(_("交办文号"), 50, required=False)
    petitioner = Petitioner(title=_("信访人"))
    is_group = f.flag(_("集体访"))
    headcount = f.shown_when("is_group", f.integer(_("人数"), 1, 10000, required=False))
    representatives = f.sequence(
        _("集体访代表"),
        Representative(),
        max=MAX_REPRESENTATIVES,
        item_title=_("代表"),
        description=_("集体访须登记1至5名代表"),
    )
    level_skipping = f.choice(_("越级上访"), voc.LEVEL_SKIPPING, default="none")
    urgency = f.choice(_("紧急程度"), voc.URGENCY, default="normal", radio=True)
    subject = f.text(_("事由"), 200)
    problem = f.long_text(_("反映的主要问题"), 5000, rows=8)
    demands = f.long_text(_("主要诉求"), 2000)
    remarks = f.long_text(_("备注"), 1000, required=False, rows=3)

    rules = (
        _group_rules,
        required_when(
            "handed_down_by",
            lambda value: value.get("channel") == "handed_down",
            _("上级交办的信访事项须填写交办机关"),
        ),
    )

    def preparer(self, value):
        """A single petitioner is one person, whatever ``headcount`` the form sent."""
        if isinstance(value, dict) and not value.get("is_group"):
            value = dict(value, headcount=1)
        return value


class AcceptanceNotice(PetitionerNotice):
    """信访事项受理告知单: the case is accepted, who handles it, in what time."""

    accepted_on = f.from_case("accepted_on", f.date(_("受理日期")))
    handling_unit = f.from_case("responsible_unit", f.unit_name(_("承办单位")))
    time_limit_days = f.integer(
        _("办理期限（日）"), 1, 90, description=_("一般信访事项自受理之日起60日内办结")
    )
    contact_phone = f.phone(_("联系电话"), required=True, identity=False)

    rules = (
        notice_dates(),
        not_before("accepted_on", "received_on", _("受理日期不得早于收到信访事项日期")),
    )


class DeclineNotice(PetitionerNotice):
    """不予受理告知单: why the case is not accepted and where to take it."""

    reason = f.long_text(_("不予受理理由"), 1000)
    legal_basis = f.long_text(_("依据"), 1000, required=False, rows=3)
    proper_channel = f.long_text(_("反映问题的途径或有权处理机关"), 500, rows=3)

    rules = (notice_dates(),)


class ForwardNotice(PetitionerNotice):
    """转送告知单: the case was forwarded to the competent body."""

    forwarded_to = f.unit_name(_("转送机关"))
    forwarded_on = f.date(_("转送日期"))
    reason = f.long_text(_("转送理由"), 1000, rows=3)

    rules = (
        notice_dates(),
        not_before("forwarded_on", "received_on", _("转送日期不得早于收到信访事项日期")),
    )


class FirstContact(f.Form):
    """首问登记: the first staff member asked and what they did with the matter."""

    contacted_on = f.date(_("首问日期"))
    staff_name = f.person_name(_("首问责任人"), identity=False)
    staff_department = f.unit_name(_("所在处（科）室或单位"))
    visitor_name = f.person_name(_("来访（来电）人姓名"), identity=True, required=False)
    visitor_phone = f.phone(identity=True, required=False)
    matter = f.long_text(_("询问事项"), 1000)
    within_remit = f.flag(_("属于本部门职责范围"))
    action = f.choice(_("处理方式"), voc.FIRST_CONTACT_ACTIONS, radio=True)
    referred_department = f.unit_name(_("告知的承办部门"), required=False)
    result = f.long_text(_("答复或办理结果"), 1000, rows=3)

    rules = (
        required_when(
            "referred_department",
            lambda value: value.get("action") == "referred",
            _("告知承办部门的，须填写承办部门名称"),
        ),
    )
