"""The staff's case forms: registration (the registry's schema plus case-only fields),
assignment, supervision/reminder and ownership."""

import colander
import deform

from portal.i18n import _
from schemas import get_document_type


@colander.deferred
def _unit_choices(node, kw):
    from portal.forms.widgets import UnitTreeWidget

    return UnitTreeWidget(values=[("", _("（不是举报类事项）"), 0, "")] + list(kw.get("units", [])))


@colander.deferred
def _unit_validator(node, kw):
    return colander.OneOf([""] + [row[0] for row in kw.get("units", [])], msg_err=_("请选择有效的机构"))


class CaseExtras(colander.Schema):
    """What the case needs beyond the registration form (not printed on the 登记表)."""

    higher_deadline = colander.SchemaNode(
        colander.Date(),
        title=_("上级机关指定的办结期限"),
        missing=None,
        widget=deform.widget.DateInputWidget(),
        description=_("上级交办的信访事项按交办机关规定的期限办理"),
    )
    is_report = colander.SchemaNode(
        colander.Boolean(), title=_("举报类信访事项"), missing=False, widget=deform.widget.CheckboxWidget()
    )
    reported_unit = colander.SchemaNode(
        colander.String(),
        title=_("被举报单位"),
        missing="",
        widget=_unit_choices,
        validator=_unit_validator,
        description=_("举报类事项不会对被举报单位及其人员可见"),
    )
    unsuitable_for_publication = colander.SchemaNode(
        colander.Boolean(), title=_("不宜公开"), missing=False, widget=deform.widget.CheckboxWidget()
    )


def registration_schema():
    schema = get_document_type("registration").schema()
    extras = CaseExtras(name="case", title=_("办理信息"))
    schema.add(extras)
    return schema


@colander.deferred
def _target_widget(node, kw):
    from portal.forms.widgets import UnitTreeWidget

    return UnitTreeWidget(values=kw["targets"])


@colander.deferred
def _target_validator(node, kw):
    return colander.OneOf([row[0] for row in kw["targets"]], msg_err=_("请选择有效的承办单位"))


@colander.deferred
def _reviewing_widget(node, kw):
    return deform.widget.SelectWidget(values=[("", _("请选择"))] + list(kw["reviewing"]))


@colander.deferred
def _reviewing_validator(node, kw):
    return colander.OneOf([v for v, _t in kw["reviewing"]], msg_err=_("请选择审核处理意见的处（科）室"))


#: Slip fields the portal fills from the case and the chain (the drafter writes only what is new).
SLIP_FIELDS_FROM_CASE = ("subject", "unit", "issuing_unit")


def assignment_schema():
    """承办单位 (one tree picker), the department that reviews the handling opinion (⑤), whether
    a joint review (④) is needed, then what the 交办单 needs beyond the case."""
    schema = get_document_type("assignment_slip").schema()
    for name in SLIP_FIELDS_FROM_CASE:
        del schema[name]
    schema.insert(
        0,
        colander.SchemaNode(
            colander.Boolean(),
            name="joint_review",
            title=_("需要会审"),
            missing=False,
            widget=deform.widget.CheckboxWidget(),
            description=_("涉及多个业务部门、情况疑难复杂的，承办单位提交处理意见前须经相关负责人会审"),
        ),
    )
    schema.insert(
        0,
        colander.SchemaNode(
            colander.String(),
            name="reviewing",
            title=_("审核处理意见的处（科）室"),
            widget=_reviewing_widget,
            validator=_reviewing_validator,
            description=_("承办单位的处理意见须经本单位业务处（科）室审核后方可办结"),
        ),
    )
    schema.insert(
        0,
        colander.SchemaNode(
            colander.String(),
            name="target",
            title=_("承办单位"),
            widget=_target_widget,
            validator=_target_validator,
        ),
    )
    return schema


class ReasonSchema(colander.Schema):
    comment = colander.SchemaNode(
        colander.String(),
        title=_("说明"),
        missing="",
        widget=deform.widget.TextAreaWidget(rows=3),
        validator=colander.Length(max=1000, max_err=_("最多1000字")),
    )
