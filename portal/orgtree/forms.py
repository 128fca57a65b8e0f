"""The administrators' forms for units (add, edit, move). Messages in Chinese."""

import colander
import deform

from portal.resources.folder import NAME_RE
from portal.resources.kinds import KINDS
from schemas.fields import IntegerType


def _slug(node, value):
    if not NAME_RE.match(value):
        raise colander.Invalid(node, "标识只能由小写字母、数字、“-”和“_”组成，以字母或数字开头，最长64个字符")


@colander.deferred
def _kind_widget(node, kw):
    parent = kw["parent"]
    choices = [(k, KINDS[k].title) for k in KINDS[parent.kind].children]
    return deform.widget.SelectWidget(values=choices)


@colander.deferred
def _kind_validator(node, kw):
    return colander.OneOf(list(KINDS[kw["parent"].kind].children), msg_err="“${val}”不能设在这一级机构之下")


class UnitSchema(colander.Schema):
    title = colander.SchemaNode(
        colander.String(),
        title="机构名称",
        validator=colander.Length(min=2, max=80, min_err="名称至少2个字", max_err="名称最长80个字"),
    )
    code = colander.SchemaNode(
        colander.String(),
        title="机构代码",
        missing="",
        validator=colander.Length(max=40, max_err="机构代码最长40个字符"),
    )
    order = colander.SchemaNode(
        IntegerType(),
        title="排序号",
        missing=None,
        validator=colander.Range(1, 9998, min_err="排序号应为1至9998", max_err="排序号应为1至9998"),
        description="同级机构按排序号排列；不填时县（市、区）按全市行政区划顺序，其他按标识",
    )


class AddUnitSchema(UnitSchema):
    kind = colander.SchemaNode(
        colander.String(), title="机构类型", widget=_kind_widget, validator=_kind_validator
    )
    name = colander.SchemaNode(
        colander.String(), title="标识（网址中使用，如 s01）", validator=_slug, missing=None
    )


@colander.deferred
def _target_widget(node, kw):
    return deform.widget.SelectWidget(values=kw["targets"])


@colander.deferred
def _target_validator(node, kw):
    return colander.OneOf([v for v, _t in kw["targets"]], msg_err="请选择有效的目标上级机构")


class MoveSchema(colander.Schema):
    target = colander.SchemaNode(
        colander.String(), title="移动到（新的上级机构）", widget=_target_widget, validator=_target_validator
    )
