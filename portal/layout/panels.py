"""Panels other concerns add to a page of the frame: a unit's page, a case's page.

``config.add_panel(name, context, provider, renderer)`` declares ``provider(obj, request)``
returning the values for ``renderer`` (a template asset spec), or None to show nothing, for
objects of class ``context``. A page calls :func:`rendered_panels` and inserts the HTML; panels
render in name order. A concern thus adds to another's page without editing it.
"""

KEY = "portal.layout.panels"


def add_panel(config, name, context, provider, renderer):
    provider = config.maybe_dotted(provider)
    context = config.maybe_dotted(context)

    def register():
        panels = config.registry.get(KEY)
        if panels is None:
            panels = config.registry[KEY] = {}
        panels[name] = (context, provider, renderer)

    config.action(("portal.panel", name), register)


def rendered_panels(obj, request):
    """The HTML of every panel for ``obj``'s class that has something to show."""
    from pyramid.renderers import render

    out = []
    for _name, (context, provider, renderer) in sorted((request.registry.get(KEY) or {}).items()):
        if not isinstance(obj, context):
            continue
        values = provider(obj, request)
        if values is not None:
            out.append(render(renderer, dict(values, context=obj), request=request))
    return out
