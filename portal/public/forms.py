"""Schemas of the public forms (colander, reusing the registry's field factories so the
validation and its Chinese messages are the staff forms' own) and a tiny helper to run them.

The public pages render their forms by hand (labels above fields, ``*`` for required, errors
at the field and in a summary); ``validate(schema, params)`` returns ``(values, errors)`` with
``errors`` a dict field name -> Chinese message.
"""

import colander

from portal.forms import clock_bindings
from schemas import fields as f
from schemas import vocabularies as voc


class OnlinePetition(f.Form):
    unit = f.text("受理单位", 200)
    name = f.person_name("姓名")
    id_number = f.id_number("居民身份证号码")
    phone = f.phone("联系电话", required=True)
    address = f.text("通讯地址", 200, required=False)
    email = f.text(
        "电子邮箱",
        100,
        required=False,
        validator=colander.Email(msg="请填写有效的电子邮箱，如 name@example.com"),
    )
    subject = f.text("事由（标题）", 100)
    problem = f.long_text("反映的主要问题", 3000)
    demands = f.long_text("主要诉求", 1000)


class Rating(f.Form):
    rating = f.choice("总体评价", voc.SATISFACTION, radio=True)
    attitude = f.choice("工作态度", voc.SATISFACTION, required=False, radio=True)
    timeliness = f.choice("办理时效", voc.SATISFACTION, required=False, radio=True)
    comments = f.long_text("意见和建议", 1000, required=False)


class ReviewRequest(f.Form):
    reasons = f.long_text("请求复查的事项及理由", 3000)


def validate(schema, params, names=None):
    """Deserialize the fields of ``schema`` from ``params`` (a MultiDict or dict), with the
    dates checked against the portal's clock."""
    schema = schema.bind(**clock_bindings())
    cstruct = {}
    for node in schema.children:
        value = params.get(node.name, "")
        cstruct[node.name] = value if value != "" else colander.null
    try:
        return schema.deserialize(cstruct), {}
    except colander.Invalid as exc:
        errors = {}
        for path, message in exc.asdict().items():
            errors[path.split(".")[-1]] = message
        return None, errors


SATISFACTION = voc.SATISFACTION
