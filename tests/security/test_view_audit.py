"""Default deny: every registered view declares a permission (or is an exception view)."""

from pyramid.config import Configurator
from pyramid.security import NO_PERMISSION_REQUIRED

from portal.security.view_audit import unprotected_views


def test_every_view_of_the_portal_declares_a_permission(app):
    assert unprotected_views(app.registry) == []


def test_audit_catches_a_view_without_permission():
    config = Configurator()
    config.add_view(lambda request: "x", name="leaky", renderer="string")
    config.add_view(lambda request: "x", name="open", renderer="string", permission=NO_PERMISSION_REQUIRED)
    config.add_view(lambda request: "x", name="ok", renderer="string", permission="view")
    config.commit()
    assert sorted(unprotected_views(config.registry)) == ["leaky", "open (public)"]
