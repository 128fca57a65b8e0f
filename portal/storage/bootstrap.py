"""Creating the site on an empty database, and checking its generation at start-up."""

import logging

import transaction
from pyramid.threadlocal import manager

from . import SITE_KEY

log = logging.getLogger(__name__)

#: Registry key of what fills the site at start-up when ``portal.demo`` is true: a callable
#: ``(site, settings, registry)`` that commits what it adds. Set by the concern that provides
#: it (``portal.demo``'s ``includeme``), so that storage, the lowest concern, imports none above it.
SEED_KEY = "portal.storage.seed"


class DatabaseTooNew(RuntimeError):
    """The stored data was evolved by newer code than this; refuse to start."""


class DatabaseNeedsEvolve(RuntimeError):
    """The stored data is older than the code and auto-evolve is off."""


def make_site(registry=None):
    """A new, empty site: the city bureau root with its catalog and users, evolved by every
    step of ``registry`` (the current one by default)."""
    from portal.catalog import index_object, install_catalog
    from portal.evolve import evolve
    from portal.identity.users import UserFolder
    from portal.resources import Site

    site = Site("郑州市教育局", "city_bureau", code="zzedu")
    site.users = UserFolder()
    install_catalog(site)
    index_object(site, site)
    evolve(site, registry=registry)  # every step, so new and evolved databases are alike
    return site


def open_site(db, registry, settings):
    """Make sure the database holds a site at the code's generation; return nothing.

    Creates the site (and, when ``portal.demo`` is true, the demo content) on an empty database.
    Raises ``DatabaseTooNew`` if the data is newer than the code and ``DatabaseNeedsEvolve`` if
    it is older and ``portal.auto_evolve`` is off.
    """
    from pyramid.settings import asbool

    from portal.evolve import evolve, latest

    latest_generation = latest(registry)
    manager.push({"registry": registry, "request": None})
    conn = db.open()
    try:
        root = conn.root()
        if SITE_KEY not in root:
            log.info("empty database: creating the site")
            root[SITE_KEY] = make_site(registry)
            transaction.commit()
        site = root[SITE_KEY]
        generation = site.__generation__
        if generation > latest_generation:
            raise DatabaseTooNew(
                f"database generation {generation} is newer than this code ({latest_generation}); "
                "refusing to start"
            )
        if generation < latest_generation:
            if not asbool(settings.get("portal.auto_evolve", False)):
                raise DatabaseNeedsEvolve(
                    f"database generation {generation} < {latest_generation}: run portal-evolve"
                )
            evolve(site, registry=registry)
            transaction.commit()
        seed = registry.get(SEED_KEY)
        if seed is not None and asbool(settings.get("portal.demo", False)):
            seed(site, settings, registry)
    except BaseException:
        transaction.abort()
        raise
    finally:
        conn.close()
        manager.pop()
