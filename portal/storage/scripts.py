"""What the console scripts share: reading an ini and opening its database outside the app."""

from contextlib import contextmanager

from pyramid.paster import get_appsettings, setup_logging
from pyramid.threadlocal import manager
from ZODB import DB
from zodburi import resolve_uri


def settings_from(config_uri):
    """Set up logging from ``config_uri`` and return its app settings, with ``env:`` values
    resolved and the production checks applied (as the web processes do)."""
    from portal.operations.settings import prepared

    setup_logging(config_uri)
    return prepared(dict(get_appsettings(config_uri)))


def open_database(settings):
    """A ``ZODB.DB`` on the ini's ``zodbconn.uri``; the caller closes it."""
    storage_factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    return DB(storage_factory(), **dbkw)


@contextmanager
def opened_site(settings, registry=None):
    """``with opened_site(settings, registry) as site:`` — the stored site (None on an empty
    database) in a connection of its own, with ``registry`` as the current one; the database
    is closed afterwards. The caller commits."""
    from . import SITE_KEY

    db = open_database(settings)
    if registry is not None:
        manager.push({"registry": registry, "request": None})
    try:
        yield db.open().root().get(SITE_KEY)
    finally:
        if registry is not None:
            manager.pop()
        db.close()
