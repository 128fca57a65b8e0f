"""Helpers shared by the reporting pages: refusals, form tokens, deform page resources."""
import secrets

import colander
import deform
from pyramid.httpexceptions import HTTPForbidden

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
    schema.add(colander.SchemaNode(colander.String(), name="form_token", default=token,
                                   missing="", widget=deform.widget.HiddenWidget()))
    return schema


def resources(request, form):
    found = form.get_widget_resources()
    return {"js": [request.static_url(r) for r in found["js"]],
            "css": [request.static_url(r) for r in found["css"]]}


def month_param(request):
    return parse_month(request.params.get("month"), current_month())


def month_choices():
    return previous_months(current_month(), 12)


def doom(request):
    """Discard every change of this request (the view still answers)."""
    request.tm.doom()


def save_once(request, form, page, add, saved, repeated, next_url):
    """POST half of a once-per-form filing page: validate ``form``; on errors return ``page``
    with the rendered errors, else call ``add(appstruct, token) -> (doc, created)``, flash
    ``saved`` (or ``repeated`` when the same form was already filed) and go to ``next_url``."""
    from pyramid.httpexceptions import HTTPFound
    from portal.forms import validate
    appstruct, rendered = validate(form, request)
    if appstruct is None:
        page["form"] = rendered
        return page
    token = appstruct.pop("form_token", "")
    _doc, created = add(appstruct, token)
    request.session.flash(saved if created else repeated, "success" if created else "warning")
    return HTTPFound(next_url)
