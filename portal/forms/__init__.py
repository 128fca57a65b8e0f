"""deform in the portal: Chinese messages, Bootstrap 5 templates, a CSRF token in every form.

``make_form(request, schema, buttons)`` binds ``schema`` to the request and to the portal's
clock (``today``: date checks such as "not in the future" use the clock's date in Shanghai;
``local_zone``: a date and time typed on a form is Shanghai time), and adds the hidden
``csrf_token`` field that Pyramid's CSRF check reads on every POST. The form renders through
:class:`NoncedRenderer`: the inline scripts of deform's widget templates carry the request's
CSP nonce (``portal.security.headers``), so the policy can refuse every other inline script.
Date and date-time fields render as the browser's own inputs (``templates/``, searched before
deform's): deform's versions add an inline script that only loads a polyfill no supported
browser needs, and a sequence item's copy of such a script could only run through ``eval``.
"""

import colander
import deform
from pkg_resources import resource_filename
from pyramid.i18n import get_localizer
from pyramid.threadlocal import get_current_request

from portal import clock


def _translator(term):
    request = get_current_request()
    if request is None:
        return term
    return get_localizer(request).translate(term)


@colander.deferred
def _csrf_default(node, kw):
    return kw["request"].session.get_csrf_token()


DEFORM_SCRIPT = '<script type="text/javascript">'


class NoncedRenderer:
    """deform's renderer, with ``request``'s CSP nonce on the script tags of its own templates."""

    def __init__(self, renderer, request):
        self.renderer = renderer
        self.request = request

    def __call__(self, template, **kw):
        html = self.renderer(template, **kw)
        if DEFORM_SCRIPT in html:
            nonce = self.request.csp_nonce
            html = html.replace(DEFORM_SCRIPT, f'<script type="text/javascript" nonce="{nonce}">')
        return html

    def __getattr__(self, name):  # loader, translate ... as deform's renderer has them
        return getattr(self.renderer, name)


def make_form(request, schema, buttons=(), **kw):
    """A deform Form for ``schema`` bound to ``request`` with a CSRF token field appended."""
    schema = schema.clone()
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="csrf_token",
            default=_csrf_default,
            missing="",
            widget=deform.widget.HiddenWidget(),
        )
    )
    schema = schema.bind(request=request, **clock_bindings(**kw.pop("bind", {})))
    kw.setdefault("formid", "portal-form")
    kw.setdefault("renderer", NoncedRenderer(deform.Form.default_renderer, request))
    return deform.Form(schema, buttons=buttons, **kw)


def clock_bindings(**bindings):
    """``bindings`` with the clock's: ``today`` (a callable) and ``local_zone`` unless given."""
    bindings.setdefault("today", clock.today)
    bindings.setdefault("local_zone", clock.to_shanghai)
    return bindings


def button(name, title, primary=False):
    return deform.Button(
        name=name, title=title, css_class="btn btn-primary" if primary else "btn btn-secondary"
    )


def validate(form, request):
    """Return ``(appstruct, None)`` or ``(None, rendered_form_with_errors)``."""
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        return None, failure.render()
    appstruct.pop("csrf_token", None)
    return appstruct, None


def includeme(config):
    own = resource_filename("portal.forms", "templates")
    deform_templates = resource_filename("deform", "templates")
    deform.Form.set_zpt_renderer((own, deform_templates), translator=_translator)
