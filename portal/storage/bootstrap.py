"""Creating the site on an empty database, and checking its generation at start-up."""

import logging

import transaction
from pyramid.threadlocal import manager

from . import SITE_KEY

log = logging.getLogger(__name__)


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


# ``(populate(site, settings, registry) -> changed, announce(settings))`` a content concern
# registers (``portal.demo`` when ``portal.demo`` is true): storage imports no concern above it.
SEEDER_KEY = "portal.site_seeder"


def open_site(db, registry, settings):
    """Make sure the database holds a site at the code's generation; return nothing.

    Creates the site on an empty database, then lets the registered seeder (:data:`SEEDER_KEY`;
    the demo content when ``portal.demo`` is true) fill it.
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
        seeder = registry.get(SEEDER_KEY)
        if seeder is not None:
            populate, announce = seeder
            if populate(site, settings, registry):
                transaction.commit()
            announce(settings)
    except BaseException:
        transaction.abort()
        raise
    finally:
        conn.close()
        manager.pop()
