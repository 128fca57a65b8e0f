"""First contact (首问负责, 第四章第四节): recording from anyone's to-do page, hand-overs taken
up by the receiving bureau, and the petition office's ledger with the failures."""

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.forms import validate
from portal.resources import Site, Unit
from portal.security import permissions as P
from portal.workflow.engine import WORKFLOWS_KEY

from .. import first_contact as fc
from ..dates import today
from ..forms import first_contact_schema
from ..scope import BUREAU_KINDS, is_bureau, path_of
from .common import FORM, form, form_page, require


def _labels(units):
    out = []
    for unit, _roles in units:
        parent = unit.__parent__
        label = (
            unit.title if parent is None or unit.kind in BUREAU_KINDS else f"{parent.title} / {unit.title}"
        )
        out.append((path_of(unit), label))
    return out


@view_config(context=Unit, name="first-contact", permission=P.VIEW_HOME, renderer=FORM)
def first_contact_view(context, request):
    units = fc.staff_units(request)
    require(units)
    choices = _labels(units)
    by_path = {path_of(u): u for u, _r in units}
    f = form(
        request,
        first_contact_schema(),
        "保存",
        bind={"units": choices, "targets": [("", "（无需移交）")] + fc.targets(request.root)},
    )
    if "cancel" in request.POST:
        return HTTPFound(request.resource_url(request.root))
    title = "首问登记"
    intro = (
        "群众来访（来电）时第一位接受询问的工作人员即为首问责任人（第四章第四节）。"
        "不属于本部门职责范围的，选择承办单位即移交，对方须在5日内受理。"
    )
    if "save" in request.POST:
        appstruct, rendered = validate(f, request)
        if appstruct is None:
            return form_page(request, f, title, rendered, intro)
        unit = by_path[appstruct.pop("unit")]
        hand_to = appstruct.pop("hand_to") or None
        try:
            contact = fc.record(unit, appstruct, request.authenticated_userid, hand_to, request.registry)
        except fc.ContactError as exc:
            request.session.flash(str(exc), "danger")
            return form_page(
                request, f, title, f.render(dict(appstruct, unit=path_of(unit), hand_to=hand_to or "")), intro
            )
        message = f"已登记首问，并已移交{contact.handed_to_title}" if contact.handed_to else "已登记首问"
        request.session.flash(message, "success")
        return HTTPFound(request.resource_url(request.root))
    here = path_of(context)
    default = here if here in by_path else choices[0][0]
    return form_page(
        request, f, title, f.render({"unit": default, "contacted_on": today(), "action": "handled"}), intro
    )


def _receiving(request):
    """The bureaus where the user is petition staff (they take hand-overs up)."""
    from ..people import STAFF_ROLES

    return [u for u, roles in fc.staff_units(request) if is_bureau(u) and set(STAFF_ROLES) & roles] + [
        u.__parent__
        for u, roles in fc.staff_units(request)
        if u.kind == "petition_office" and set(STAFF_ROLES) & roles
    ]


@view_config(
    context=Site,
    name="first-contacts-received",
    permission=P.VIEW_HOME,
    renderer="portal.duties:templates/first_contacts.pt",
)
def received_view(context, request):
    bureaus = _receiving(request)
    rows = [c for b in bureaus for c in fc.received_by(context, b)]
    return {
        "title": "移交给本单位的首问事项",
        "rows": rows,
        "today": today(),
        "may_take_up": bool(bureaus),
        "titles": fc.Contact.STATUS_TITLES,
        "wanted": "",
        "ledger": False,
    }


@view_config(context=Site, name="take-up-first-contact", permission=P.VIEW_HOME, request_method="POST")
def take_up_view(context, request):
    contact_id = request.POST.get("id", "")
    _key, contact = fc.find(context, contact_id)
    if contact is None:
        request.session.flash("没有这件移交事项", "warning")
        return HTTPFound(request.resource_url(context, "@@first-contacts-received"))
    from pyramid.traversal import find_resource

    bureau = fc.receiving_bureau(find_resource(context, contact.handed_to))
    require(bureau in _receiving(request) and request.has_permission(P.REGISTER_CASE, bureau))
    try:
        from portal.time_limits import get_calendar

        case = fc.take_up(
            context,
            contact_id,
            request.authenticated_userid,
            request.registry[WORKFLOWS_KEY]["case"],
            get_calendar(context),
            request.registry,
        )
    except fc.ContactError as exc:
        request.session.flash(str(exc), "danger")
        return HTTPFound(request.resource_url(context, "@@first-contacts-received"))
    request.session.flash(f"已受理，登记为信访事项 {case.number}", "success")
    return HTTPFound(request.resource_url(case))


@view_config(
    context=Unit,
    name="first-contacts",
    permission=P.REVIEW_REPORT,
    renderer="portal.duties:templates/first_contacts.pt",
)
def ledger_view(context, request):
    """The petition office's first-contact ledger: its subtree's first contacts and the
    hand-overs it received, the failures (hand-overs not taken up in time) first."""
    if not is_bureau(context):
        return HTTPFound(request.resource_url(context, "@@duties"))
    rows = fc.in_subtree(request.root, context)
    day = today()
    wanted = request.params.get("status", "")
    if wanted in fc.Contact.STATUS_TITLES:
        rows = [c for c in rows if c.status(day) == wanted]
    rows.sort(key=lambda c: c.status(day) != "overdue")
    return {
        "title": f"首问登记台账：{context.title}",
        "rows": rows,
        "today": day,
        "may_take_up": False,
        "titles": fc.Contact.STATUS_TITLES,
        "wanted": wanted,
        "ledger": True,
    }
