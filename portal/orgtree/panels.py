"""Panels other concerns add to a unit's page (the state of the unit's standing duties, say).

``config.add_unit_panel(name, provider, renderer)`` declares ``provider(unit, request)``
returning the values for ``renderer`` (a template asset spec), or None to show nothing. The
unit page renders every panel, in name order, under its header.
"""
KEY = "portal.orgtree.unit_panels"


def add_unit_panel(config, name, provider, renderer):
    provider = config.maybe_dotted(provider)

    def register():
        panels = config.registry.get(KEY)
        if panels is None:
            panels = config.registry[KEY] = {}
        panels[name] = (provider, renderer)
    config.action(("portal.unit_panel", name), register)


def rendered_panels(unit, request):
    """The HTML of every panel that has something to show for ``unit``."""
    from pyramid.renderers import render
    out = []
    for _name, (provider, renderer) in sorted((request.registry.get(KEY) or {}).items()):
        values = provider(unit, request)
        if values is not None:
            out.append(render(renderer, dict(values, context=unit), request=request))
    return out
