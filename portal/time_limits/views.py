"""The administrators' page ``@@holiday-calendar`` on the site root (permission ``manage_site``).

Contract: GET shows one year (``?year=``, default this year in Shanghai): its statutory holidays
and make-up working days, the Chinese warning if the year has no data, the two forms, the
calendar's version and its edit log. POST (with the CSRF token every form carries) applies one
edit: set a day as holiday / make-up working day / clear it, or mark a year as entered (or
withdraw the mark). A valid edit is logged by the calendar, announced with ``CalendarChanged``
(which recomputes every open deadline), flashed in Chinese and redirected to the year it
touched. Invalid input re-renders the page with Chinese messages at the fields and changes
nothing.
"""

import itertools
from datetime import timedelta

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.clock import format_date, format_datetime
from portal.deadlines import DeadlineError
from portal.forms import button, make_form, validate
from portal.i18n.parts import render
from portal.identity.people import label_of
from portal.resources import Site
from portal.security.permissions import MANAGE_SITE

from .calendar_forms import DAY_ACTIONS, FIRST_YEAR, LAST_YEAR, YEAR_ACTIONS, DaySchema, YearSchema
from .calendar_store import get_calendar
from .events import notify_calendar_changed

VIEW_NAME = "holiday-calendar"
WEEKDAYS = "一二三四五六日"
LOG_ROWS = 100


def _buttons(actions):
    return tuple(button(name, title, primary=(i == 0)) for i, (name, title) in enumerate(actions.items()))


def _forms(request):
    day_form = make_form(request, DaySchema(), _buttons(DAY_ACTIONS), formid="day-form", focus="off")
    year_form = make_form(
        request,
        YearSchema(),
        _buttons(YEAR_ACTIONS),
        formid="year-form",
        focus="off",
        counter=itertools.count(100),
    )  # field ids distinct from the day form's
    return day_form, year_form


def _requested_year(request):
    raw = request.GET.get("year", "")
    if not raw:
        return clock.today().year
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        request.session.flash(f"年份须在 {FIRST_YEAR} 至 {LAST_YEAR} 之间，已显示今年", "warning")
        return clock.today().year
    return year


def _page_url(request, year):
    return request.resource_url(request.context, "@@" + VIEW_NAME, query={"year": year})


def _apply_day(calendar, action, appstruct, actor):
    day, name = appstruct["day"], appstruct["name"].strip()
    if action == "set_holiday":
        calendar.set_holiday(day, actor=actor, name=name)
    elif action == "set_working_day":
        calendar.set_working_day(day, actor=actor, name=name)
    else:
        calendar.clear_day(day, actor=actor)
    return day.year


def _apply_year(calendar, action, appstruct, actor):
    year = appstruct["year"]
    calendar.mark_year_entered(year, actor=actor, entered=(action == "mark_year"))
    return year


def recompute_message(event) -> str:
    """The Chinese sentence saying what the recomputation did."""
    if not event.examined:
        return "目前没有未办结的期限需要重新计算。"
    return (
        f"已按新的节假日设置重新计算 {event.examined} 个未办结的期限，"
        f"其中 {len(event.recomputed)} 个期限的到期日发生变化。"
    )


def _edit(context, request, form, apply, action):
    appstruct, rendered = validate(form, request)
    if appstruct is None:
        return None, rendered
    calendar = get_calendar(context)
    actor = request.identity.login
    try:
        year = apply(calendar, action, appstruct, actor)
    except DeadlineError as exc:
        request.tm.doom()
        request.session.flash(str(exc), "danger")
        return HTTPFound(_page_url(request, _requested_year(request))), None
    event = notify_calendar_changed(request.registry, context, actor, request)
    note = ""
    if action == "unmark_year" and calendar.has_data(year):
        note = "该年数据已从 chinese-calendar 导入，仍视为已录入。"
    request.session.flash(
        f"已{event.edit.description}，节假日设置更新为第{calendar.version}版。"
        f"{note}{recompute_message(event)}",
        "success",
    )
    return HTTPFound(_page_url(request, year)), None


@view_config(context=Site, name=VIEW_NAME, renderer="templates/holiday_calendar.pt", permission=MANAGE_SITE)
def holiday_calendar_view(context, request):
    day_form, year_form = _forms(request)
    rendered = {}
    if request.method == "POST":
        post = request.POST
        day_action = next((a for a in DAY_ACTIONS if a in post), None)
        year_action = next((a for a in YEAR_ACTIONS if a in post), None)
        if day_action:
            response, rendered["day"] = _edit(context, request, day_form, _apply_day, day_action)
        elif year_action:
            response, rendered["year"] = _edit(context, request, year_form, _apply_year, year_action)
        else:
            request.session.flash("未识别的操作，节假日设置没有改变", "danger")
            response = HTTPFound(_page_url(request, _requested_year(request)))
        if response is not None:
            return response
    year = _requested_year(request)
    return page_data(
        context,
        request,
        year,
        day_form=rendered.get("day") or day_form.render(),
        year_form=rendered.get("year") or year_form.render({"year": year}),
    )


def day_runs(calendar, days):
    """Consecutive days with the same name, as dicts ``first``, ``last``, ``name``, ``count``."""
    runs = []
    for day in days:
        name = calendar.day_name(day)
        last = runs[-1] if runs else None
        if last and last["last"] + timedelta(days=1) == day and last["name"] == name:
            last["last"], last["count"] = day, last["count"] + 1
        else:
            runs.append({"first": day, "last": day, "name": name, "count": 1})
    return runs


def year_ranges(years) -> str:
    """(2004, 2005, 2006, 2010) -> "2004–2006、2010"."""
    parts, start, prev = [], None, None
    for year in list(years) + [None]:
        if start is not None and (year is None or year != prev + 1):
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if year is not None and start is None:
            start = year
        prev = year
    return "、".join(parts)


def _warning(calendar, year, request):
    """The warning for a year without holiday data, in the reader's language (or None)."""
    found = calendar.missing_data_part(year)
    return render((found,), request.localizer.translate) if found else None


def page_data(site, request, year, *, day_form, year_form):
    calendar = get_calendar(site)
    entries = list(reversed(calendar.log))
    return {
        "year": year,
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "this_year": clock.today().year,
        "warning": _warning(calendar, year, request),
        "version": calendar.version,
        "years_with_data": year_ranges(calendar.years_with_data()),
        "holiday_runs": day_runs(calendar, calendar.holidays(year)),
        "working_days": [
            {"day": d, "weekday": WEEKDAYS[d.weekday()], "name": calendar.day_name(d)}
            for d in calendar.working_days(year)
        ],
        "log": [
            {
                "version": e.version,
                "at": format_datetime(e.at),
                "actor": label_of(site, e.actor),
                "description": e.description,
            }
            for e in entries[:LOG_ROWS]
        ],
        "log_total": len(entries),
        "day_form": day_form,
        "year_form": year_form,
        "page_url": lambda y: _page_url(request, y),
        "year_entry_url": request.resource_url(site, "@@holiday-year", query={"year": year}),
        "format_date": format_date,
    }
