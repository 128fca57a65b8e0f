"""The duties' forms: people are picked from lists bound at render time, never typed.

Each schema takes its choices from the binding (``make_form(..., bind={...})``):
``leaders``/``people``/``trainees`` are lists of (userid, label); ``today`` fixes the date
validators to the portal's clock.
"""

import colander
import deform

from portal.i18n import _
from schemas import fields as f
from schemas import get_document_type
from schemas.vocabularies import LEADING_GROUP_ROLES

PLANNING_DAYS = 366


def _choices(key, empty=None):
    @colander.deferred
    def widget(node, kw):
        values = list(kw.get(key) or ())
        return deform.widget.SelectWidget(values=([("", empty)] if empty else []) + values)

    return widget


def _many(key):
    @colander.deferred
    def widget(node, kw):
        values = list(kw.get(key) or ())
        return deform.widget.SelectWidget(values=values, multiple=True, size=min(12, max(4, len(values))))

    return widget


def _one_of(key, message):
    @colander.deferred
    def validator(node, kw):
        return colander.OneOf([v for v, _l in kw.get(key) or ()], msg_err=message)

    return validator


def _all_of(key, message):
    @colander.deferred
    def validator(node, kw):
        allowed = {v for v, _l in kw.get(key) or ()}

        def check(node, value):
            if not value or set(value) - allowed:
                raise colander.Invalid(node, message)

        return check

    return validator


def person(title, key, message=_("请从列表中选择"), name=None, description=None, required=True):
    node = colander.SchemaNode(
        colander.String(),
        title=title,
        widget=_choices(key, _("（请选择）")),
        validator=_one_of(key, message),
        missing=colander.required if required else "",
        missing_msg=f"请选择{title}",
    )
    if name:
        node.name = name
    if description:
        node.description = description
    return node


def people(title, key, message, description=None):
    node = colander.SchemaNode(
        colander.Set(),
        title=title,
        widget=_many(key),
        validator=_all_of(key, message),
        missing_msg=f"请选择{title}",
    )
    if description:
        node.description = description
    return node


# -- 第二章 leading group ----------------------------------------------------------------
class GroupMember(colander.MappingSchema):
    userid = person(_("人员"), "people", _("组成人员须从本单位人员中选择"))
    post = f.text(_("职务"), 50)
    group_role = f.choice(_("小组职务"), LEADING_GROUP_ROLES, default="member")


class GroupMembers(colander.SequenceSchema):
    member = GroupMember(title=_("成员"))


class GroupForm(colander.MappingSchema):
    established_on = f.date(_("成立（调整）日期"))
    members = GroupMembers(
        title=_("组成人员"),
        validator=colander.Length(1, 50, min_err=_("请至少填写1名组成人员")),
        widget=deform.widget.SequenceWidget(min_len=1, add_subitem_text_template=_("添加成员")),
        description=_("组长由单位主要领导担任"),
    )


# -- 第四章第一节 reception days --------------------------------------------------------
class ScheduleForm(colander.MappingSchema):
    leader = person(_("接访领导"), "leaders", _("接访领导须从本单位领导中选择"))
    leader_post = f.text(_("职务"), 50)
    field = f.text(_("分管工作"), 200)
    on = f.date(_("接访日期"), days_ahead=PLANNING_DAYS)
    start = f.time(_("开始时间"))
    end = f.time(_("结束时间"))
    place = f.text(_("接访地点"), 100, description=_("原则上安排在本级群众来访接待场所或单位会议室"))


class RotationForm(colander.MappingSchema):
    start = f.time(_("开始时间"))
    end = f.time(_("结束时间"))
    place = f.text(_("接访地点"), 100)


class SubstituteForm(colander.MappingSchema):
    substitute = person(_("代为接访领导"), "leaders", _("代为接访领导须从本单位领导中选择"))
    reason = f.text(_("不能按时接访的原因"), 200)


def register_schema():
    """The 领导接访登记表 without what the day supplies (date, leader, place)."""
    from .receptions.register import FROM_DAY

    schema = get_document_type("reception_register").schema()
    for name in FROM_DAY:
        del schema[name]
    return schema


# -- 第五章第三节 meetings ----------------------------------------------------------------
def meeting_schema():
    """The 信访会议记录 with the host, the recorder and the attendees picked from people."""
    schema = get_document_type("meeting_minutes").schema()
    index = {node.name: i for i, node in enumerate(schema.children)}
    for name, title in (("host", _("主持人")), ("recorder", _("记录人"))):
        node = person(title, "people", f"{title}须从人员名单中选择", name=name)
        schema.children[index[name]] = node
    attendees = people(
        _("出席人员"), "people", _("出席人员须从人员名单中选择"), description=_("按住 Ctrl 键可选择多人")
    )
    attendees.name = "attendees"
    schema.children[index["attendees"]] = attendees
    schema.children.insert(
        index["attendees"] + 1,
        f.text(_("其他出席人员"), 500, required=False, description=_("未在名单中的出席人员，以顿号分隔")),
    )
    schema.children[index["attendees"] + 1].name = "other_attendees"
    return schema


# -- 第五章第五节 training --------------------------------------------------------------
def training_schema():
    """A training session: the 信访业务培训登记表 fields that are the same for every trainee,
    and the trainees picked from the petition staff."""
    schema = get_document_type("training_record").schema()
    for name in ("trainee_name", "trainee_unit", "trainee_post", "organiser", "fed_back", "fed_back_on"):
        del schema[name]
    trainees = people(
        _("参训人员"),
        "trainees",
        _("参训人员须从信访工作人员名单中选择"),
        description=_("按住 Ctrl 键可选择多人；培训情况将反馈至参训人员所在单位"),
    )
    trainees.name = "trainees"
    schema.add(trainees)
    return schema


# -- 第四章第四节 first contact -------------------------------------------------------------
def _referral_rule(value):
    if value.get("action") == "referred" and not value.get("hand_to"):
        yield "hand_to", _("告知并联系承办部门的，须选择承办单位")
    if value.get("within_remit") and value.get("hand_to"):
        yield "hand_to", _("属于本部门职责范围的事项无需移交")


def first_contact_schema():
    """The 首问登记表 with the recording unit picked from the user's own units, the staff
    member's name and unit left to the portal, and the unit a matter is handed to picked."""
    schema = get_document_type("first_contact").schema()
    for name in ("staff_name", "staff_department", "referred_department"):
        del schema[name]
    schema.insert(0, person(_("登记单位"), "units", _("请选择您所在的单位"), name="unit"))
    hand_to = person(
        _("移交承办单位"),
        "targets",
        _("请选择有效的承办单位"),
        name="hand_to",
        required=False,
        description=_("不属于本部门职责范围、需移交的，选择承办单位，保存后即移交，对方在5日内受理"),
    )
    schema.add(hand_to)
    schema.rules = (_referral_rule,)  # the registry's rule named the typed department
    return schema
