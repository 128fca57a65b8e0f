"""Helpers shared by the duties' pages."""

from pyramid.httpexceptions import HTTPForbidden

from portal.forms import button, make_form
from portal.i18n import _

from .. import people
from ..dates import month_key, parse_month, parse_year, today

FORM = "portal.duties:templates/form.pt"


def require(allowed):
    if not allowed:
        raise HTTPForbidden()


def month_param(request):
    return parse_month(request.params.get("month"), month_key(today()))


def year_param(request):
    return parse_year(request.params.get("year"), today().year)


def leader_choices(request, unit, roles=people.LEADER_ROLES):
    """[(userid, 马卫东（主要领导）)] of ``unit``'s leaders, labelled in ``request``'s language."""
    translate = request.localizer.translate

    def label(name, role):
        title = people.role_title(role)
        return translate(
            _("${name}（${role}）", mapping={"name": name, "role": translate(title) if title else ""})
        )

    return [(u, label(n, r)) for u, n, r in people.leaders_of(unit, roles)]


def people_choices(unit):
    return [(u, f"{n}（{where}）") for u, n, where in people.pool(unit)]


def form(request, schema, submit=_("提交"), bind=None, formid="portal-form", cancel=True):
    buttons = (button("save", submit, True),) + ((button("cancel", _("取消")),) if cancel else ())
    return make_form(request, schema, buttons, bind=dict(bind or {}, today=today()), formid=formid)


def resources(request, *forms):
    js, css = [], []
    for f in forms:
        found = f.get_widget_resources()
        js += [request.static_url(r) for r in found["js"] if request.static_url(r) not in js]
        css += [request.static_url(r) for r in found["css"] if request.static_url(r) not in css]
    return {"js": js, "css": css}


def form_page(request, f, title, rendered, intro="", back=None):
    return dict(resources(request, f), title=title, form=rendered, intro=intro, back=back)
