"""Helpers shared by the reporting pages (and the pages of chapters 6-9): refusals, form tokens,
deform page resources, forms whose date checks follow the reporting clock, the navigation's
entry redirects."""

import secrets

import colander
import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPFound

from ..months import current_month, parse_month, previous_months


def actor(request):
    return request.authenticated_userid


def require(allowed):
    """Raise 403 unless ``allowed`` (the finer rule after the view's permission)."""
    if not allowed:
        raise HTTPForbidden()


def new_token():
    return secrets.token_hex(16)


def add_token_field(schema, token):
    """A hidden ``form_token`` field: the same token on every resubmission of one form."""
    schema = schema.clone()
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="form_token",
            default=token,
            missing="",
            widget=deform.widget.HiddenWidget(),
        )
    )
    return schema


def resources(request, form):
    found = form.get_widget_resources()
    return {
        "js": [request.static_url(r) for r in found["js"]],
        "css": [request.static_url(r) for r in found["css"]],
    }


def month_param(request):
    return parse_month(request.params.get("month"), current_month())


def month_choices():
    return previous_months(current_month(), 12)


def doom(request):
    """Discard every change of this request (the view still answers)."""
    request.tm.doom()


def once_form(request, schema, buttons, action, dated=True):
    """A form filed at most once per display (see :func:`save_once`): ``schema`` with a hidden
    ``form_token`` (a new one when shown, the posted one on every resubmission), posted to
    ``action``; its date checks follow the reporting clock (:func:`clock_form`) unless
    ``dated`` is false."""
    from portal.forms import make_form

    schema = add_token_field(schema, request.POST.get("form_token") or new_token())
    form = clock_form(request, schema, buttons) if dated else make_form(request, schema, buttons)
    form.action = action
    return form


def save_once(request, form, page, add, saved, repeated, next_url, refused=()):
    """POST half of a once-per-form filing page (a form from :func:`once_form`): validate
    ``form``; on errors return ``page`` with the rendered errors, else call
    ``add(appstruct, token) -> (obj, created)``, flash ``saved`` (or ``repeated`` when the same
    form was already filed) and go to ``next_url``. ``saved`` and ``next_url`` may be callables
    of ``obj``. An exception of the ``refused`` types (a rule the form cannot check) is flashed
    and the form is shown again, empty."""
    from pyramid.httpexceptions import HTTPFound

    from portal.forms import validate

    appstruct, rendered = validate(form, request)
    if appstruct is None:
        page["form"] = rendered
        return page
    token = appstruct.pop("form_token", "")
    try:
        obj, created = add(appstruct, token)
    except refused as exc:
        request.session.flash(str(exc), "danger")
        return HTTPFound(form.action)
    if created:
        request.session.flash(saved(obj) if callable(saved) else saved, "success")
    else:
        request.session.flash(repeated, "warning")
    return HTTPFound(next_url(obj) if callable(next_url) else next_url)


def entry_redirect(request, view, title):
    """Send the user to ``view`` on the highest unit they act for (the navigation's entry)."""
    from ..units import acting_units

    site = request.root
    if request.has_permission("view", site):
        return HTTPFound(request.resource_url(site, view))
    units = acting_units(request)
    if units:
        return HTTPFound(request.resource_url(units[0], view))
    request.session.flash(f"您尚未被授予任何机构的角色，无法使用{title}", "warning")
    return HTTPFound(request.resource_url(site))


def clock_form(request, schema, buttons):
    """``portal.forms.make_form`` with the schema's date checks ("not after today") bound to
    the reporting clock, the clock these pages count deadlines with."""
    from portal.clock import today
    from portal.forms import make_form

    return make_form(request, schema, buttons, bind={"today": today})
