"""Who the user is: user records, passwords, sessions, sign-in throttling, identity sources."""

from .session import session_factory
from .sources import LocalSource, add_identity_source


def includeme(config):
    config.include(".evolution")
    config.set_session_factory(session_factory(config.get_settings()))
    config.set_default_csrf_options(require_csrf=True)
    config.add_directive("add_identity_source", add_identity_source)
    config.add_identity_source(LocalSource(), first=True)
    config.include(".views")
