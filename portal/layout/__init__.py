"""The staff frame of UI.md: header, left navigation by task, breadcrumbs, flash messages.

Every page template fills the ``page`` macro of ``templates/layout.pt``; the ``layout`` object
(a ``FrameInfo`` built once per render) tells the macro what this user may see. Shared page
parts (a workflow object's actions and timeline) are the macros of ``templates/parts.pt``.
"""

from pyramid.events import BeforeRender
from pyramid.renderers import get_renderer

from .frame import FrameInfo

LAYOUT = "portal.layout:templates/layout.pt"
PARTS = "portal.layout:templates/parts.pt"
JQUERY = "jquery-3.7.1.min.js"
DEFORM_JQUERY = "jquery-2.0.3.min.js"


def add_frame(event):
    request = event.get("request")
    if request is None or "layout" in event:
        return
    event["layout"] = FrameInfo(request, event.get("context"))
    event["main"] = get_renderer(LAYOUT).implementation()
    event["parts"] = get_renderer(PARTS).implementation()


def includeme(config):
    from portal.caching import add_static

    add_static(config, "static", "portal.layout:static")
    add_static(config, "deform_static", "deform:static")
    # deform 3 ships jQuery 2.0.3 (known XSS flaws): the frame loads a maintained jQuery, and
    # the old file's URL serves the same one, so no page or widget can load 2.0.3.
    config.override_asset(
        to_override=f"deform:static/scripts/{DEFORM_JQUERY}",
        override_with=f"portal.layout:static/vendor/{JQUERY}",
    )
    config.add_subscriber(add_frame, BeforeRender)
    from .nav import add_nav_item
    from .panels import add_panel

    config.add_directive("add_panel", add_panel)
    config.add_directive("add_nav_item", add_nav_item)
    config.include(".errors")
