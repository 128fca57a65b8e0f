"""``<unit>/@@leading-group``: the unit's petition leading group and its monthly meetings."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.forms import validate
from portal.resources import Unit
from portal.security import permissions as P
from portal.security.roles import role_ids

from .. import leading_group as lg
from .. import people
from ..dates import month_key, previous_month, today
from ..forms import GroupForm
from ..records import current_version
from ..scope import duty_unit_of, is_duty_unit
from .common import form, people_choices, require, resources

#: 分管领导 and the like: deputies of the leading group (the 主要领导 chairs it).
RESPONSIBLE_LEADERS = role_ids("responsible_leader")


def _months(count=12):
    month = month_key(today())
    out = []
    for _ in range(count):
        out.append(month)
        month = previous_month(month)
    return out


def _defaults(unit, group):
    if group is not None:
        return {
            "established_on": group.established_on,
            "members": [
                {"userid": m.userid, "post": m.post, "group_role": m.group_role} for m in group.members
            ],
        }
    members = []
    for userid, _name, role in people.leaders_of(unit):
        members.append(
            {
                "userid": userid,
                "post": people.role_title(role),
                "group_role": "chair"
                if role == people.PRINCIPAL
                else "deputy"
                if role in RESPONSIBLE_LEADERS
                else "member",
            }
        )
    return {"established_on": today(), "members": members}


@view_config(
    context=Unit,
    name="leading-group",
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
    renderer="portal.duties:templates/leading_group.pt",
)
@view_config(
    context=Unit,
    name="leading-group",
    permission=P.KEEP_DUTIES,
    request_method="POST",
    renderer="portal.duties:templates/leading_group.pt",
)
def leading_group_view(context, request):
    if not is_duty_unit(context):
        owner = duty_unit_of(context)
        if owner is None:
            request.session.flash("本机构不单独设立信访工作领导小组", "warning")
            return HTTPFound(request.resource_url(context))
        return HTTPFound(request.resource_url(owner, "@@leading-group"))
    site = request.root
    group = lg.group_of(site, context)
    can_keep = people.may_keep(request, context)
    f = form(request, GroupForm(), "保存领导小组组成", bind={"people": people_choices(context)})
    rendered = None
    if request.method == "POST" and "save" in request.POST:
        require(can_keep)
        appstruct, rendered = validate(f, request)
        if appstruct is not None:
            try:
                lg.record_group(
                    context,
                    appstruct["members"],
                    appstruct["established_on"],
                    request.authenticated_userid,
                    request.registry,
                )
            except lg.GroupError as exc:
                request.session.flash(str(exc), "danger")
                rendered = f.render(appstruct)
            else:
                request.session.flash("已保存领导小组组成，《信访工作领导小组组成》已同步更新", "success")
                return HTTPFound(request.resource_url(context, "@@leading-group"))
    day = today()
    statuses = [lg.meeting_status(site, context, m, day) for m in _months()]
    data = {
        "group": group,
        "can_keep": can_keep,
        "document": current_version(context, group.document) if group else None,
        "statuses": statuses,
        "current": statuses[0],
        "principals": [people.user_title(site, u) for u in people.principals_of(context)],
        "form": (rendered or f.render(_defaults(context, group))) if can_keep else None,
    }
    data.update(resources(request, f) if can_keep else {"js": [], "css": []})
    return data
