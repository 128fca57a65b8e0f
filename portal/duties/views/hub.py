"""The duties' entry points: a unit's hub (``@@duties``), the panel on its page, the items on
the home page's to-do list, and the navigation entries (``/@@my-duties``, ``/@@my-receptions``
go to the first unit the user acts for)."""

from datetime import timedelta

from hypatia.query import Any, Eq
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.home.todo import TodoItem
from portal.resources import Site, Unit
from portal.security import permissions as P

from .. import people
from ..dates import localized_month_label, month_label, today
from ..receptions.model import days_between
from ..scope import duty_unit_of, is_bureau, is_duty_unit, sorted_units
from ..status import unit_status

MAX_UNITS = 20


def acting_units(request):
    """Duty units the user may view where they hold roles on the unit or one of its offices
    (≤ 20)."""
    site = request.root
    principals = [p for p in request.user_principals if not p.startswith("system.")]
    cat = site.catalog
    query = Any(cat["local_principals"], principals) & Eq(cat["type_name"], "unit")
    units, seen = [], set()
    for node in sorted_units(site, query.execute().ids):
        owner = duty_unit_of(node)
        if owner is not None and owner.__docid__ not in seen and request.has_permission(P.VIEW, owner):
            seen.add(owner.__docid__)
            units.append(owner)
        if len(units) >= MAX_UNITS:
            break
    return units


@view_config(context=Unit, name="duties", permission=P.VIEW, renderer="portal.duties:templates/duties.pt")
def duties_view(context, request):
    if not is_duty_unit(context):
        from .receptions import to_duty_unit

        return to_duty_unit(context, request, "@@duties")
    return {
        "s": unit_status(request.root, context, today()),
        "month_label": lambda month: localized_month_label(request, month),
        "can_keep": people.may_keep(request, context),
        "may_first_contacts": is_bureau(context) and bool(request.has_permission(P.REVIEW_REPORT, context)),
        "may_board": is_bureau(context)
        and (
            bool(request.has_permission(P.REVIEW_REPORT, context))
            or bool(request.has_permission(P.INSTRUCT_CASE, context))
        ),
    }


def _go(request, view):
    units = acting_units(request)
    if not units:
        request.session.flash("您尚未被授予任何单位的角色，请联系本单位信访工作负责人", "warning")
        return HTTPFound(request.resource_url(request.root))
    return HTTPFound(request.resource_url(units[0], view))


@view_config(context=Site, name="my-duties", permission=P.VIEW_HOME)
def my_duties(context, request):
    return _go(request, "@@duties")


@view_config(context=Site, name="my-receptions", permission=P.VIEW_HOME)
def my_receptions(context, request):
    return _go(request, "@@reception-days")


def unit_panel(unit, request):
    """The panel on a unit's page (None for units without standing duties)."""
    status = unit_status(request.root, unit, today())
    if status is None:
        return None
    return {"s": status, "month_label": lambda month: localized_month_label(request, month)}


def todo(request):
    """我的待办 items: substitutions awaiting a principal, own reception days this week,
    days to register, this month's meeting and principal day when due."""
    site = request.root
    if getattr(site, "duties", None) is None or request.identity is None:
        return []
    userid = request.authenticated_userid
    day0 = today()
    items = personal(request, day0)
    for unit in acting_units(request):
        keeper = people.may_keep(request, unit)
        principal = people.is_principal(request, unit)
        for day in days_between(site, unit, day0 - timedelta(31), day0 + timedelta(7)):
            url = request.resource_url(unit, "@@reception-day", query={"id": day.id})
            label = f"{unit.title} {day.on.month}月{day.on.day}日接待日（{day.leader_name}）"
            s = day.substitution
            if principal and s is not None and s.state == "pending" and day.state == "scheduled":
                items.append(TodoItem(label, url, "代为接访审批", day.on, _level(day.on, day0)))
            if day.state == "scheduled" and day.on >= day0 and userid == day.receiving_leader[0]:
                items.append(TodoItem(label, url, "接访", day.on, _level(day.on, day0)))
            if keeper and day.is_overdue(day0):
                items.append(TodoItem(label, url, "登记接访情况", day.on, "overdue"))
        if keeper or principal:
            status = unit_status(site, unit, day0)
            if status.group.code == "due_soon":
                items.append(
                    TodoItem(
                        f"{unit.title}{month_label(status.group.month)}领导小组会议",
                        request.resource_url(unit, "@@leading-group"),
                        "召开领导小组会议",
                        None,
                        "due_soon",
                    )
                )
            if keeper:
                from ..instructions import awaiting_acknowledgement

                for r in awaiting_acknowledgement(site, unit_path(unit)):
                    items.append(
                        TodoItem(
                            f"{r.number} 下级上报重大事项",
                            request.application_url + r.case_path,
                            "阅知上报事项",
                            r.raised_at.date(),
                            "due_soon",
                        )
                    )
            if status.reception is not None and status.reception.code == "due_soon":
                items.append(
                    TodoItem(
                        f"{unit.title}{month_label(status.reception.month)}主要领导接访日",
                        request.resource_url(unit, "@@reception-days"),
                        "安排主要领导接访",
                        None,
                        "due_soon",
                    )
                )
    return items


def personal(request, day0):
    """What waits for the user whatever their unit: instructions to be fed back to them,
    hand-overs their bureau must take up."""
    from .. import first_contact as fc
    from ..instructions import pending_for
    from .first_contact import _receiving

    site = request.root
    items = [
        TodoItem(
            f"{i.number} 领导批示",
            request.application_url + i.case_path,
            "批示待反馈",
            i.instructed_at.date(),
            "normal",
        )
        for i in pending_for(site, request.authenticated_userid)
    ]
    for bureau in _receiving(request):
        for c in fc.waiting_for(site, bureau):
            items.append(
                TodoItem(
                    f"首问移交：{c.unit_title} {c.contacted_on:%m月%d日}",
                    request.resource_url(site, "@@first-contacts-received"),
                    "受理首问移交",
                    c.due,
                    "overdue" if day0 > c.due else _level(c.due, day0),
                )
            )
    return items


def unit_path(unit):
    from ..scope import path_of

    return path_of(unit)


def _level(on, day0):
    if on < day0:
        return "overdue"
    if on == day0:
        return "due_today"
    return "due_soon" if on <= day0 + timedelta(3) else "normal"
