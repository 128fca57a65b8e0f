"""What a unit's page offers: the pages other concerns open on a unit, each shown only to the
people who may open it there (a link that answers 403 is never offered).

Contract:

* ``config.add_unit_action(view, title, group="", allowed=None, order=100)`` (a directive,
  added by ``portal.orgtree``) declares one link to ``@@view`` on a unit's page. Each concern
  declares its own in its ``includeme``; the orgtree knows none of them.
* ``title`` is the Chinese label; ``group`` the title of the menu the link sits in (``报表``,
  ``预防与问责``), empty for a button of its own; ``order`` sorts the links (and the menus, by
  their first link).
* The view's own permission always decides (``view_execution_permitted``); ``allowed(unit,
  request) -> bool`` (or its dotted name), when given, is the concern's further rule: who files a
  zero report, which unit has a dashboard. Both must hold for the link to be shown.
* Checked at start-up: a view named twice, a missing title, an ``allowed`` that is not callable,
  or a view that no concern registers for a unit stops the application from starting.
"""

from collections.abc import Callable
from dataclasses import dataclass

from pyramid.exceptions import ConfigurationError
from pyramid.interfaces import PHASE3_CONFIG
from pyramid.security import view_execution_permitted

KEY = "portal.orgtree.unit_actions"


@dataclass(frozen=True)
class UnitAction:
    view: str
    title: str
    group: str = ""
    allowed: Callable | None = None
    order: int = 100

    def offered(self, unit, request):
        if not view_execution_permitted(unit, request, self.view):
            return False
        return self.allowed is None or bool(self.allowed(unit, request))


def _unit_views(registry):
    """Names of the views registered for units (or for any context)."""
    from portal.resources import Unit
    from portal.resources.views import view_names_for

    return view_names_for(registry, Unit)


def add_unit_action(config, view, title, group="", allowed=None, order=100):
    """Directive: declare a link on every unit's page (see the module contract)."""
    if not view or not title:
        raise ConfigurationError(f"unit action {view!r} needs a view name and a Chinese title")
    allowed = config.maybe_dotted(allowed)
    if allowed is not None and not callable(allowed):
        raise ConfigurationError(f"unit action {view!r}: allowed is not callable")
    action = UnitAction(view, title, group, allowed, order)

    def register():
        if view not in _unit_views(config.registry):
            raise ConfigurationError(f"unit action {view!r}: no view @@{view} is registered for a unit")
        actions = config.registry.setdefault(KEY, {})
        if view in actions:
            raise ConfigurationError(f"unit action {view!r} declared twice")
        actions[view] = action

    # After the views (phase 3) so that the view it links to can be checked.
    config.action(("portal.unit_action", view), register, order=PHASE3_CONFIG + 1)


def unit_actions(registry):
    """Every declared action, in order."""
    return sorted((registry.get(KEY) or {}).values(), key=lambda a: (a.order, a.view))


def offered_actions(unit, request):
    """``(buttons, menus)``: the actions of ``unit`` the user may open, in order; ``menus`` is a
    list of ``(group title, actions)`` without empty groups."""
    buttons, menus = [], {}
    for action in unit_actions(request.registry):
        if not action.offered(unit, request):
            continue
        if action.group:
            menus.setdefault(action.group, []).append(action)
        else:
            buttons.append(action)
    return buttons, list(menus.items())
