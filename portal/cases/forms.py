"""The staff's case forms: registration (the registry's schema plus case-only fields),
assignment, supervision/reminder and ownership."""
import colander
import deform

from schemas import get_document_type


@colander.deferred
def _unit_choices(node, kw):
    return deform.widget.SelectWidget(values=[("", "（无）")] + list(kw.get("units", [])))


@colander.deferred
def _unit_validator(node, kw):
    return colander.OneOf([""] + [v for v, _t in kw.get("units", [])],
                          msg_err="请选择有效的机构")


class CaseExtras(colander.Schema):
    """What the case needs beyond the registration form (not printed on the 登记表)."""

    higher_deadline = colander.SchemaNode(
        colander.Date(), title="上级机关指定的办结期限", missing=None,
        widget=deform.widget.DateInputWidget(),
        description="上级交办的信访事项按交办机关规定的期限办理")
    is_report = colander.SchemaNode(colander.Boolean(), title="举报类信访事项", missing=False,
                                    widget=deform.widget.CheckboxWidget())
    reported_unit = colander.SchemaNode(colander.String(), title="被举报单位", missing="",
                                        widget=_unit_choices, validator=_unit_validator,
                                        description="举报类事项不会对被举报单位及其人员可见")
    unsuitable_for_publication = colander.SchemaNode(
        colander.Boolean(), title="不宜公开", missing=False, widget=deform.widget.CheckboxWidget())


def registration_schema():
    schema = get_document_type("registration").schema()
    extras = CaseExtras(name="case", title="办理信息")
    schema.add(extras)
    return schema


@colander.deferred
def _target_widget(node, kw):
    return deform.widget.SelectWidget(values=kw["targets"])


@colander.deferred
def _target_validator(node, kw):
    return colander.OneOf([v for v, _t in kw["targets"]], msg_err="请选择有效的承办单位")


def assignment_schema():
    schema = get_document_type("assignment_slip").schema()
    schema.insert(0, colander.SchemaNode(colander.String(), name="target", title="承办单位",
                                         widget=_target_widget, validator=_target_validator))
    return schema


class ReasonSchema(colander.Schema):
    comment = colander.SchemaNode(colander.String(), title="说明", missing="",
                                  widget=deform.widget.TextAreaWidget(rows=3),
                                  validator=colander.Length(max=1000, max_err="最多1000字"))
