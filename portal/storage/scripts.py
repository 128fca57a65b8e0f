"""What the console scripts share: reading an ini and opening its database outside the app."""
from pyramid.paster import get_appsettings, setup_logging
from ZODB import DB
from zodburi import resolve_uri


def settings_from(config_uri):
    """Set up logging from ``config_uri`` and return its app settings."""
    setup_logging(config_uri)
    return get_appsettings(config_uri)


def open_database(settings):
    """A ``ZODB.DB`` on the ini's ``zodbconn.uri``; the caller closes it."""
    storage_factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    return DB(storage_factory(), **dbkw)
