"""``@@holiday-year`` on the site root (``manage_site``): a whole year's holidays entered at once.

Contract: the administrator pastes (or types) the State Council's notice for a year -- its items
such as ``二、春节：2月15日……至23日……放假调休，共9天。2月14日（周六）……上班。`` -- and presses
预览: the page reads it (``portal.deadlines.notice``) and shows the year month by month as a
calendar (休 / 班 on the days, not only colours), the holidays and make-up working days item by
item, and anything left out. 保存 reads the same text again and, in one logged edit, replaces the
year's marks and marks the year as entered (``HolidayCalendar.enter_year``); ``CalendarChanged``
then recomputes every open deadline (so 暂定 due dates lose their mark), and the page goes to the
calendar page of that year with a Chinese message. Text that cannot be read is refused at the
field with every problem named, and the text is kept; nothing is saved.
"""

import calendar as month_calendar
import itertools

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal import clock
from portal.deadlines import DeadlineError
from portal.deadlines.notice import NoticeError, parse_notice
from portal.forms import button, make_form, validate
from portal.resources import Site
from portal.security.permissions import MANAGE_SITE
from schemas import fields as f

from .calendar_forms import FIRST_YEAR, LAST_YEAR, year_node
from .calendar_store import get_calendar
from .events import notify_calendar_changed
from .views import VIEW_NAME as CALENDAR_VIEW
from .views import recompute_message

VIEW_NAME = "holiday-year"
SOURCE = "国务院办公厅节假日安排通知"
WEEKDAY_HEADS = "一二三四五六日"


def _readable(value):
    """Rule: the text reads as the year's arrangements (every problem named at the field)."""
    try:
        parse_notice(value["year"], value["notice"])
    except NoticeError as exc:
        yield "notice", "无法按通知读出日期：" + "；".join(exc.problems)


class YearNoticeSchema(f.Form):
    year = year_node()
    notice = colander.SchemaNode(
        colander.String(),
        title="通知内容",
        missing_msg="请粘贴或填写该年的节假日安排",
        description="粘贴国务院办公厅通知中“一、元旦：……”至“七、国庆节：……”各项，"
        "或按同样写法填写，如：春节 2月15日至2月23日放假；2月14日、2月28日上班",
        validator=colander.Length(max=5000, max_err="内容最长5000字"),
        widget=deform.widget.TextAreaWidget(rows=10),
    )

    rules = (_readable,)


def default_year(today):
    """The year an administrator most likely enters: next year from 1 November, else this one."""
    return today.year + 1 if today.month >= 11 else today.year


def month_grid(year, holidays, working_days):
    """Twelve months, each ``{"month": m, "weeks": [[cell or None] * 7]}`` from Monday; a cell
    is ``{"day", "kind": holiday | makeup | weekend | workday, "name"}``."""
    months = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                if day in working_days:
                    kind, name = "makeup", working_days[day]
                elif day in holidays:
                    kind, name = "holiday", holidays[day]
                else:
                    kind, name = ("weekend" if day.weekday() >= 5 else "workday"), ""
                cells.append({"day": day, "kind": kind, "name": name})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


def _requested_year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default_year(clock.today())
    return year if FIRST_YEAR <= year <= LAST_YEAR else default_year(clock.today())


def _form(request):
    return make_form(
        request,
        YearNoticeSchema(),
        (button("preview", "预览", True), button("save", "保存")),
        formid="year-notice-form",
        counter=itertools.count(200),
    )


def _preview(site, schedule):
    current = get_calendar(site)
    return {
        "schedule": schedule,
        "months": month_grid(schedule.year, schedule.holidays, schedule.working_days),
        "replaces": current.has_data(schedule.year),
    }


@view_config(context=Site, name=VIEW_NAME, renderer="templates/holiday_year.pt", permission=MANAGE_SITE)
def holiday_year_view(context, request):
    form = _form(request)
    values = {"year": _requested_year(request)}
    preview, rendered = None, None
    if "preview" in request.POST or "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is not None:
            schedule = parse_notice(appstruct["year"], appstruct["notice"])
            if "save" in request.POST:
                return _save(context, request, schedule)
            preview, values = _preview(context, schedule), appstruct
            rendered = None
    return {
        "form": rendered or form.render(values),
        "preview": preview,
        "weekday_heads": WEEKDAY_HEADS,
        "days_text": days_text,
        "runs_text": runs_text,
        "calendar_url": request.resource_url(context, "@@" + CALENDAR_VIEW),
    }


def _save(site, request, schedule):
    calendar = get_calendar(site)
    actor = request.identity.login
    try:
        calendar.enter_year(
            schedule.year, schedule.holidays, schedule.working_days, actor=actor, source=SOURCE
        )
    except DeadlineError as exc:
        request.tm.doom()
        request.session.flash(str(exc), "danger")
        return HTTPFound(request.resource_url(site, "@@" + VIEW_NAME))
    event = notify_calendar_changed(request.registry, site, actor, request)
    request.session.flash(
        f"已{event.edit.description}，节假日设置更新为第{calendar.version}版。{recompute_message(event)}",
        "success",
    )
    return HTTPFound(request.resource_url(site, "@@" + CALENDAR_VIEW, query={"year": schedule.year}))


def days_text(days):
    """[date, ...] -> "2月14日、2月28日"."""
    return "、".join(f"{d.month}月{d.day}日" for d in days)


def runs_text(days):
    """Consecutive dates as ranges: "2月15日至2月23日（9天）"."""
    runs = []
    for day in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return "、".join(
        f"{a.month}月{a.day}日" + (f"至{b.month}月{b.day}日（{(b - a).days + 1}天）" if b != a else "")
        for a, b in runs
    )
