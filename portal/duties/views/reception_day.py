"""One reception day (``@@reception-day?id=``): substitution and its approval, the register,
matters becoming cases.

- request a substitute: the unit's petition staff or the scheduled leader, before the day;
- approve or refuse it (``@@reception-decide``, POST): only a principal leader of the unit;
- cancel, confirm nobody came, record that it did not take place: the petition staff;
- ``@@reception-register?id=``: file a 领导接访登记表 against the day (petition staff);
- ``@@reception-case`` (POST, ``register_case``): a referred matter becomes a case.
"""

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from portal.cases.masking import mask
from portal.forms import validate
from portal.resources import Unit
from portal.security import permissions as P
from portal.workflow.engine import WORKFLOWS_KEY

from .. import people
from ..dates import today
from ..forms import SubstituteForm, register_schema
from ..receptions import register, schedule
from ..receptions.figures import OUTCOME_TITLES
from ..receptions.model import get_day
from .common import FORM, form, form_page, leader_choices, require, resources


def _day(request, context):
    day = get_day(request.root, context, request.params.get("id"))
    if day is None:
        raise HTTPNotFound()
    return day


def _back(request, context, day):
    return HTTPFound(request.resource_url(context, "@@reception-day", query={"id": day.id}))


def _act(request, context, day, action, done):
    try:
        action()
    except schedule.ReceptionError as exc:
        request.session.flash(str(exc), "danger")
    else:
        request.session.flash(done, "success")
    return _back(request, context, day)


def _lines(context, day):
    out = []
    for doc in register.registers_of(context, day):
        v = doc.appstruct
        name = (v.get("petitioner") or {}).get("name") or ""
        out.append(
            {
                "doc": doc,
                "visitor": mask("name", name),
                "headcount": v.get("headcount") or 0,
                "outcome": OUTCOME_TITLES.get(v.get("outcome"), ""),
                "referred": v.get("outcome") in register.OUTCOMES_TO_CASE,
                "case": register.case_of(doc),
            }
        )
    return out


@view_config(
    context=Unit,
    name="reception-day",
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
    renderer="portal.duties:templates/reception_day.pt",
)
@view_config(
    context=Unit,
    name="reception-day",
    permission=P.KEEP_DUTIES,
    request_method="POST",
    renderer="portal.duties:templates/reception_day.pt",
)
def reception_day_view(context, request):
    day = _day(request, context)
    actor = request.authenticated_userid
    can_keep = people.may_keep(request, context)
    may_request = can_keep or actor == day.leader
    others = [(u, t) for u, t in leader_choices(request, context) if u != day.leader]
    sub_form = form(
        request,
        SubstituteForm(),
        "提交代为接访申请",
        bind={"leaders": others},
        formid="substitute-form",
        cancel=False,
    )
    rendered = None
    if request.method == "POST":
        action = request.POST.get("action") or ("substitute" if "save" in request.POST else "")
        if action == "substitute":
            require(may_request)
            appstruct, rendered = validate(sub_form, request)
            if appstruct is not None:
                return _act(
                    request,
                    context,
                    day,
                    lambda: schedule.request_substitute(
                        context, day, appstruct["substitute"], appstruct["reason"], actor, request.registry
                    ),
                    "已提交代为接访申请，待单位主要领导批准；批准前公开的接访安排不变",
                )
        elif action in ("cancel", "no_visitors", "not_held"):
            require(can_keep)
            reason = request.POST.get("reason", "")
            work = {
                "cancel": (
                    lambda: schedule.cancel_day(context, day, reason, actor, request.registry),
                    "已取消该接访日",
                ),
                "no_visitors": (
                    lambda: register.confirm_no_visitors(context, day, actor),
                    "已确认当日接访（无群众来访）",
                ),
                "not_held": (
                    lambda: register.mark_not_held(context, day, reason, actor),
                    "已登记未能接访及原因",
                ),
            }[action]
            return _act(request, context, day, *work)
    s = day.substitution
    data = {
        "day": day,
        "can_keep": can_keep,
        "may_request": may_request and bool(others) and day.on >= today(),
        "may_decide": people.is_principal(request, context)
        and s is not None
        and s.state == "pending"
        and day.state == "scheduled",
        "lines": _lines(context, day),
        "outcomes": dict(day.outcomes),
        "outcome_titles": OUTCOME_TITLES,
        "may_register_case": bool(request.has_permission(P.REGISTER_CASE, context)),
        "document": day.document and context.get(day.document),
        "history": list(reversed(list(day.history))),
        "person": lambda u: people.user_title(request.root, u),
        "overdue": day.is_overdue(today()),
        "came": day.on <= today(),
        "substitute_form": rendered or sub_form.render(),
    }
    data.update(resources(request, sub_form))
    return data


@view_config(context=Unit, name="reception-decide", permission=P.INSTRUCT_CASE, request_method="POST")
def decide_view(context, request):
    day = _day(request, context)
    require(people.is_principal(request, context))
    approve = request.POST.get("decision") == "approve"
    return _act(
        request,
        context,
        day,
        lambda: schedule.decide_substitute(
            context,
            day,
            approve,
            request.authenticated_userid,
            request.POST.get("note", ""),
            request.registry,
        ),
        "已批准代为接访，公开的接访安排已更新" if approve else "已不批准代为接访",
    )


@view_config(context=Unit, name="reception-register", permission=P.KEEP_DUTIES, renderer=FORM)
def register_view(context, request):
    day = _day(request, context)
    require(people.may_keep(request, context))
    if "cancel" in request.POST:
        return _back(request, context, day)
    f = form(request, register_schema(), "保存登记")
    _uid, leader, post = day.receiving_leader
    title = f"登记接访情况：{day.on:%Y-%m-%d} {leader}（{post}）"
    intro = f"接访日期、接访领导和地点（{day.place}）取自接访日安排。保存后可在登记表页面上传录音、录像。"
    if "save" in request.POST:
        appstruct, rendered = validate(f, request)
        if appstruct is None:
            return form_page(request, f, title, rendered, intro)
        try:
            doc = register.file_register(
                context, day, appstruct, request.authenticated_userid, request.registry
            )
        except schedule.ReceptionError as exc:
            request.session.flash(str(exc), "danger")
            return _back(request, context, day)
        request.session.flash("已保存接访登记", "success")
        if request.POST.get("next") == "attach":
            return HTTPFound(request.resource_url(doc))
        return _back(request, context, day)
    if day.on > today() or day.state not in ("scheduled", "held"):
        request.session.flash("接访日尚未到或已结束登记，不能登记", "warning")
        return _back(request, context, day)
    defaults = {"reception_kind": "on_site", "headcount": 1}
    return form_page(request, f, title, f.render(defaults), intro)


@view_config(context=Unit, name="reception-case", permission=P.REGISTER_CASE, request_method="POST")
def to_case_view(context, request):
    day = _day(request, context)
    doc = context.get(request.POST.get("doc", ""))
    try:
        from portal.time_limits import get_calendar

        case = register.register_to_case(
            context,
            day,
            doc,
            request.authenticated_userid,
            request.registry[WORKFLOWS_KEY]["case"],
            get_calendar(request.root),
            request.registry,
        )
    except schedule.ReceptionError as exc:
        request.session.flash(str(exc), "danger")
        return _back(request, context, day)
    request.session.flash(f"已登记为信访事项 {case.number}", "success")
    return HTTPFound(request.resource_url(case))
