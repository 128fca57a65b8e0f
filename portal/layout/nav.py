"""The left navigation of the staff frame: the pages on the site root each concern offers.

Contract:

* ``config.add_nav_item(view, title, permission, order)`` (a directive, added by
  ``portal.layout``) declares one entry linking to ``@@view`` on the site root (``view=""``:
  the root's own page, 我的待办). Each concern declares its own in its ``includeme``; the layout
  knows none of them.
* ``title`` is the Chinese label; ``permission`` (one of ``portal.security.permissions``) is
  checked on the site root for each user: an entry is shown only to those who hold it there.
  ``order`` sorts the entries (the gaps leave room for a concern to slot one in).
* The discriminator is the view name: two concerns declaring one entry are a Pyramid
  ``ConfigurationConflictError``. At commit, a missing title, an unknown permission or a view
  that no concern registers on the site root stops the application from starting.
"""

from dataclasses import dataclass

from pyramid.exceptions import ConfigurationError
from pyramid.interfaces import PHASE3_CONFIG

KEY = "portal.layout.nav_items"


@dataclass(frozen=True)
class NavItem:
    view: str
    title: str
    permission: str
    order: int


def _root_views(registry):
    """Names of the views registered for the site root (or for any context)."""
    from portal.resources import Site
    from portal.resources.views import view_names_for

    return view_names_for(registry, Site)


def add_nav_item(config, view, title, permission, order):
    """Directive: declare an entry of the left navigation (see the module contract)."""
    from portal.security.permissions import ALL

    item = NavItem(view, title, permission, order)

    def register():
        if not title:
            raise ConfigurationError(f"nav item {view!r} needs a Chinese title")
        if permission not in ALL:
            raise ConfigurationError(f"nav item {view!r}: unknown permission {permission!r}")
        if view not in _root_views(config.registry):
            raise ConfigurationError(f"nav item {view!r}: no such view is registered on the site root")
        config.registry.setdefault(KEY, {})[view] = item

    # After the views (phase 3) so that the view it links to can be checked.
    config.action(("portal.nav_item", view), register, order=PHASE3_CONFIG + 1)


def nav_items(registry):
    """Every declared entry, in order."""
    return sorted((registry.get(KEY) or {}).values(), key=lambda i: (i.order, i.view))
