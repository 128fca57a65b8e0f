"""Rendering of the public pages, apart from the staff portal's renderer machinery.

- ``article_html(projection)``: the progress article (``templates/progress_body.pt``) of an
  immutable projection (a frozen, hashable dataclass). It is a pure function, memoised in a
  bounded LRU: the public page, the staff preview and the petitioner's page all emit this same
  string, which is why the preview is exactly what the public sees.
- ``progress_page(request, projection)``: the whole public progress page, memoised in the
  same way (the page carries nothing per visitor); the anonymous page most often read.
- ``page(request, name, section, **values)`` (via ``public_response``): renders
  ``templates/<name>`` (which fills the public frame, ``templates/public.pt``) with Chameleon
  directly and returns ``request.response`` as ``text/html``. Public pages bypass Pyramid's renderer (and so the staff frame's
  ``BeforeRender`` subscribers, which would build the staff navigation for every public hit).
  Templates get only the values given (``frame`` among them), never ``request`` or ``context``.

Chameleon escapes every ``${}`` value; only ``structure`` values (this module's article, the
server-drawn SVG charts) are emitted as markup.
"""

import os
from functools import cache, lru_cache
from types import SimpleNamespace

from chameleon import PageTemplateFile

from .frame import fmt_date, iso_date

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
_FORMAT = SimpleNamespace(fmt_date=fmt_date, iso_date=iso_date)


@cache
def _template(name):
    return PageTemplateFile(os.path.join(TEMPLATES, name))


def render(name, **values):
    """Render ``templates/<name>`` (compiled at start-up: see ``portal.layout.templating``)."""
    return _template(name)(**values)


def precompile():
    """Compile every public template now rather than in a visitor's request."""
    for name in sorted(os.listdir(TEMPLATES)):
        if name.endswith(".pt"):
            _template(name).cook_check()


@lru_cache(maxsize=512)
def article_html(projection):
    return render("progress_body.pt", projection=projection, frame=_FORMAT)


def public_response(request, name, values, status=None, text=None):
    response = request.response
    if status is not None:
        response.status = status
    response.content_type = "text/html"
    response.charset = "utf-8"
    response.text = render(name, **values) if text is None else text
    return response


def page(request, name, section, **values):
    """``public_response`` of ``templates/<name>`` in the public frame, ``section`` current."""
    from .frame import PublicFrame

    values["frame"] = PublicFrame(request, section)
    return public_response(request, name, values)


@lru_cache(maxsize=512)
def _progress_page(script_name, projection):
    from .frame import PublicFrame

    frame = PublicFrame(SimpleNamespace(script_name=script_name), "progress")
    return render("progress_case.pt", frame=frame, projection=projection, article=article_html(projection))


@lru_cache(maxsize=512)
def progress_tag(script_name, projection):
    """The ETag of a progress page: a digest of everything its projection holds (the page is
    a pure function of it and of the code, see ``portal.caching.etag``)."""
    from portal.caching import etag

    return etag("progress", script_name, repr(projection))


def progress_page(request, projection):
    """The public progress page of ``projection``: a pure function of the projection (and the
    mount point), memoised like ``article_html``; it holds no per-visitor content (no form, no
    token), so every visitor is served the same bytes."""
    return public_response(request, "", None, text=_progress_page(request.script_name, projection))
