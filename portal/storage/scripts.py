"""What the console scripts share: opening the site the way the web processes do, and, for
the scripts that work on the storage itself, reading an ini and opening its database.

Contract:

* ``run_on_site(config_uri, work)`` is the one way a console script reaches the site
  (``portal-sweep``, ``portal-screening-reminder``; ``pshell`` does the same through
  ``[pshell] setup``): ``pyramid.paster.bootstrap`` starts the application the ini describes,
  with the web processes' registry and start-up checks (templates are not precompiled:
  :data:`SCRIPT_OPTION`), and ``work(env)`` runs with bootstrap's ``env`` (``root`` is the
  site, ``request``, ``registry``). It returns ``work``'s exit code, or 2 with a Chinese message
  on stderr when the database is not at the code's generation; the database is closed after.
* ``portal-evolve`` cannot start the application (it refuses a database older than the code,
  which is what evolve is for), and backup, restore and pack work on the storage, not the
  site: they use ``settings_from`` and ``open_database``.
"""

import sys
from contextlib import contextmanager

from pyramid.paster import bootstrap, get_appsettings, setup_logging
from ZODB import DB
from zodburi import resolve_uri


def settings_from(config_uri):
    """Set up logging from ``config_uri`` and return its app settings, with ``env:`` values
    resolved and the production checks applied (as the web processes do)."""
    from portal.operations.settings import prepared

    setup_logging(config_uri)
    return prepared(dict(get_appsettings(config_uri)))


#: Passed by :func:`run_on_site` to ``bootstrap`` (it reaches ``portal.main`` as a key of
#: ``global_config``): the application starts for a script, so the templates are compiled when
#: first used instead of at start-up.
SCRIPT_OPTION = "portal_script"


@contextmanager
def bootstrapped(config_uri):
    """``with bootstrapped(INI) as env:`` — ``pyramid.paster.bootstrap``'s env for the
    application the ini describes, started as a script (:data:`SCRIPT_OPTION`). Raises the
    start-up's ``DatabaseNeedsEvolve``/``DatabaseTooNew``; closes the request and the
    databases afterwards."""
    setup_logging(config_uri)
    env = bootstrap(config_uri, options={SCRIPT_OPTION: "true"})
    try:
        yield env
    finally:
        env["closer"]()
        for db in getattr(env["registry"], "_zodb_databases", {}).values():
            db.close()


def run_on_site(config_uri, work):
    """``work(env)`` on the site the ini's application opens; its exit code, or 2 when the
    database is older or newer than the code (with the reason on stderr)."""
    from .bootstrap import DatabaseNeedsEvolve, DatabaseTooNew

    try:
        with bootstrapped(config_uri) as env:
            return work(env)
    except DatabaseNeedsEvolve as error:
        print(f"数据库代数与代码代数不一致，请先运行 portal-evolve（{error}）", file=sys.stderr)
    except DatabaseTooNew as error:
        print(f"数据库比代码新，拒绝操作（{error}）", file=sys.stderr)
    return 2


def open_database(settings):
    """A ``ZODB.DB`` on the ini's ``zodbconn.uri``; the caller closes it."""
    storage_factory, dbkw = resolve_uri(settings["zodbconn.uri"])
    return DB(storage_factory(), **dbkw)
