"""The reception schedule of a unit (``@@reception-days``) and its statistics
(``@@reception-stats``). Scheduling and rotation are the unit's own petition staff's
(信访部门负责本单位领导接待日的安排); the leader is picked from the unit's leaders."""

from datetime import timedelta

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.forms import validate
from portal.i18n import _
from portal.resources import Unit
from portal.security import permissions as P

from .. import people
from ..dates import localized_month_label, next_month, previous_month, today
from ..forms import RotationForm, ScheduleForm
from ..receptions import figures
from ..receptions.model import days_in_month
from ..receptions.schedule import ReceptionError, profile, rotate, schedule_day
from ..scope import duty_unit_of, is_bureau, is_duty_unit
from .common import form, leader_choices, month_param, require, resources, year_param


def _hhmm(value):
    return value.strftime("%H:%M")


def to_duty_unit(context, request, view):
    """An office keeps no duties of its own: send the user to its unit's, if they may see it."""
    owner = duty_unit_of(context)
    if owner is None:
        request.session.flash(_("本机构不单独安排领导接待日"), "warning")
        return HTTPFound(request.resource_url(context))
    if not request.has_permission(P.VIEW, owner):
        request.session.flash(f"本处（科）室的工作制度由{owner.title}统一落实", "info")
        return HTTPFound(request.resource_url(context))
    return HTTPFound(request.resource_url(owner, view))


@view_config(
    context=Unit,
    name="reception-days",
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
    renderer="portal.duties:templates/reception_days.pt",
)
@view_config(
    context=Unit,
    name="reception-days",
    permission=P.KEEP_DUTIES,
    request_method="POST",
    renderer="portal.duties:templates/reception_days.pt",
)
def reception_days_view(context, request):
    if not is_duty_unit(context):
        return to_duty_unit(context, request, "@@reception-days")
    site = request.root
    month = month_param(request)
    can_keep = people.may_keep(request, context)
    leaders = leader_choices(request, context)
    schedule = form(
        request,
        ScheduleForm(),
        _("安排接访日"),
        bind={"leaders": leaders},
        formid="schedule-form",
        cancel=False,
    )
    rotation = form(
        request, RotationForm(), _("按轮值生成本月其他领导接访日"), formid="rotation-form", cancel=False
    )
    rendered = {}
    if request.method == "POST":
        require(can_keep)
        posted = request.POST.get("__formid__")
        target = schedule if posted == "schedule-form" else rotation
        appstruct, error = validate(target, request)
        if appstruct is not None:
            try:
                if target is schedule:
                    day = schedule_day(
                        context,
                        appstruct["on"],
                        _hhmm(appstruct["start"]),
                        _hhmm(appstruct["end"]),
                        appstruct["place"],
                        appstruct["leader"],
                        appstruct["leader_post"],
                        appstruct["field"],
                        request.authenticated_userid,
                        request.registry,
                    )
                    message = (
                        f"已安排{day.leader_name}于{day.on:%Y-%m-%d}接访，"
                        "公开栏目“接待日安排”已更新，并已通知接访领导"
                    )
                    month = day.month
                else:
                    created = rotate(
                        context,
                        month,
                        _hhmm(appstruct["start"]),
                        _hhmm(appstruct["end"]),
                        appstruct["place"],
                        request.authenticated_userid,
                        request.registry,
                    )
                    message = (
                        f"已按轮值安排{len(created)}个接访日" if created else _("本月已无可安排的工作日")
                    )
            except ReceptionError as exc:
                request.session.flash(str(exc), "danger")
                rendered[posted] = target.render(appstruct)
            else:
                request.session.flash(message, "success")
                return HTTPFound(request.resource_url(context, "@@reception-days", query={"month": month}))
        else:
            rendered[posted] = error
    day0 = today()
    latest = days_in_month(site, context, month)
    place = next((d.place for d in reversed(latest)), "")
    first = leaders[0][0] if leaders else ""
    post, field = profile(context, first) if first else ("", "")
    defaults = {
        "leader": first,
        "leader_post": post,
        "field": field,
        "on": max(day0 + timedelta(days=1), day0),
        "place": place,
    }
    data = {
        "month": month,
        "month_label": localized_month_label(request, month),
        "previous": previous_month(month),
        "next": next_month(month),
        "days": latest,
        "today": day0,
        "can_keep": can_keep,
        "leaders": leaders,
        "judged": is_bureau(context),
        "status": figures.month_status(site, context, month, day0),
        "year": figures.year_months(site, context, int(month[:4]), day0) if is_bureau(context) else [],
        "schedule_form": rendered.get("schedule-form") or schedule.render(defaults),
        "rotation_form": rendered.get("rotation-form") or rotation.render({"place": place}),
    }
    data.update(resources(request, schedule, rotation))
    return data


@view_config(
    context=Unit,
    name="reception-stats",
    permission=P.VIEW,
    renderer="portal.duties:templates/reception_stats.pt",
)
def reception_stats_view(context, request):
    if not is_duty_unit(context):
        return to_duty_unit(context, request, "@@reception-stats")
    site = request.root
    year = year_param(request)
    months = figures.year_months(site, context, year, today())
    totals = {
        name: sum(getattr(m.summary, name) for m in months)
        for name in (
            "scheduled",
            "held",
            "not_held",
            "principal_held",
            "substituted",
            "visitors",
            "matters",
            "cases",
        )
    }
    return {
        "year": year,
        "lines": figures.leader_lines(site, context, year),
        "months": months,
        "totals": totals,
        "outcomes": figures.OUTCOME_TITLES,
        "years": list(range(today().year, today().year - 5, -1)),
        "judged": is_bureau(context),
    }
