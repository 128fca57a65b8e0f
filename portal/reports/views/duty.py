"""Duty rosters and duty logs of a unit in sensitive periods."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.clock import format_date
from portal.forms import button
from portal.resources import Unit
from portal.security import permissions as P
from schemas import get_document_type

from ..duty import DutyError, add_duty_log, add_shift, duty_logs, roster
from ..months import parse_day
from ..store import get_store
from ..units import may_file
from .common import once_form, require, resources, save_once


def _periods(request, unit):
    return [p for p in get_store(request.root).periods.values() if p.covers_unit(unit)]


@view_config(context=Unit, name="duty", permission=P.VIEW, renderer="portal.reports:templates/duty.pt")
def duty_view(context, request):
    """Who is on duty when (per period) and what they logged; forms for the unit's filers."""
    periods = _periods(request, context)
    filer = may_file(request, context)
    return {
        "rosters": [(p, roster(request.root, p, context)) for p in periods],
        "logs": duty_logs(context),
        "filer": filer,
        "format_date": format_date,
        "today": clock.today(),
    }


@view_config(context=Unit, name="duty-roster", request_method="POST", permission=P.SUBMIT_REPORTS)
def add_shift_view(context, request):
    require(may_file(request, context))
    period = get_store(request.root).periods.get(request.POST.get("period", ""))
    day = parse_day(request.POST.get("day"))
    try:
        if period is None or not period.covers_unit(context) or day is None:
            raise DutyError("请选择本单位所在的重点时期并填写值班日期")
        add_shift(
            request.root,
            period,
            context,
            day,
            request.POST.get("officer"),
            request.POST.get("leader"),
            request.POST.get("phone"),
            request.authenticated_userid,
        )
    except DutyError as exc:
        request.session.flash(str(exc), "danger")
    else:
        request.session.flash("已排班", "success")
    return HTTPFound(request.resource_url(context, "@@duty"))


@view_config(
    context=Unit, name="duty-log", permission=P.SUBMIT_REPORTS, renderer="portal.reports:templates/form.pt"
)
def duty_log_view(context, request):
    """Write the duty log of a shift (the unit's filers)."""
    require(may_file(request, context))
    form = once_form(
        request,
        get_document_type("duty_log").schema(),
        (button("save", "保存", True),),
        request.resource_url(context, "@@duty-log"),
        dated=False,
    )
    page = dict(resources(request, form), title=f"{context.title}：值班记录")
    if "save" in request.POST:
        return save_once(
            request,
            form,
            page,
            lambda appstruct, token: add_duty_log(context, appstruct, token, request),
            "已保存值班记录",
            "该值班记录已保存，未重复保存",
            request.resource_url(context, "@@duty"),
        )
    periods = _periods(request, context)
    page["form"] = form.render(
        {
            "duty_date": clock.today(),
            "period_name": periods[0].title if periods else "",
            "officer": getattr(request.identity, "title", ""),
        }
    )
    return page
