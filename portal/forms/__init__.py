"""deform in the portal: Chinese messages, Bootstrap 5 templates, a CSRF token in every form.

``make_form(request, schema, buttons)`` binds ``schema`` to the request and to the portal's
clock (``today``: date checks such as "not in the future" use the clock's date in Shanghai;
``local_zone``: a date and time typed on a form is Shanghai time), and adds the hidden
``csrf_token`` field that Pyramid's CSRF check reads on every POST.
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


def make_form(request, schema, buttons=(), **kw):
    """A deform Form for ``schema`` bound to ``request`` with a CSRF token field appended."""
    schema = schema.clone()
    schema.add(colander.SchemaNode(colander.String(), name="csrf_token", default=_csrf_default,
                                   missing="", widget=deform.widget.HiddenWidget()))
    schema = schema.bind(request=request, **clock_bindings(**kw.pop("bind", {})))
    kw.setdefault("formid", "portal-form")
    return deform.Form(schema, buttons=buttons, **kw)


def clock_bindings(**bindings):
    """``bindings`` with the clock's: ``today`` (a callable) and ``local_zone`` unless given."""
    bindings.setdefault("today", clock.today)
    bindings.setdefault("local_zone", clock.to_shanghai)
    return bindings


def button(name, title, primary=False):
    return deform.Button(name=name, title=title,
                         css_class="btn btn-primary" if primary else "btn btn-secondary")


def validate(form, request):
    """Return ``(appstruct, None)`` or ``(None, rendered_form_with_errors)``."""
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        return None, failure.render()
    appstruct.pop("csrf_token", None)
    return appstruct, None


def includeme(config):
    deform_templates = resource_filename("deform", "templates")
    ours = resource_filename("portal.forms", "templates")  # widgets.py's templates
    deform.Form.set_zpt_renderer((ours, deform_templates), translator=_translator)
