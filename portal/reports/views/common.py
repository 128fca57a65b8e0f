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
