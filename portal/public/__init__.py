"""The public area (no sign-in): published handling progress, query-code lookup for
petitioners, reception-day notices, rules and channels, open statistics, online petitions.

Design (see each module's docstring for its contract):

- ``security``: the ``public`` route (``/public/*traverse``) has its own root factory returning
  a childless :class:`~.security.PublicArea` whose ACL grants ``view_public`` to Everyone; public
  views are registered on that route only, so they cannot be given a case by traversal.
- ``store``: ``site.public_area`` holds projections, the publication log, query-code hashes,
  reception days and the rules pages.
- ``redaction`` + ``projection``: publishing writes a redacted projection (plain immutable
  data); ``publication`` decides who may publish and refreshes projections after every
  transition (AfterTransition) and modification of a published case.
- ``querycodes`` + ``petitioner``: a code issued at acceptance (or at online submission), kept
  as a keyed hash only; lookup, rating and review requests through it.
- ``challenge``: the self-hosted form challenge (rate limits: ``portal.security.throttle``).
- ``summary``: counts per month, county, channel and state, kept by events for ``statistics``.
- ``statistics``, ``charts``, ``feed``: aggregate numbers, SVG charts, the Atom feed.
- ``views_progress``, ``views_query``, ``views_petition``, ``views_info``, ``views_stats``:
  the public pages (public frame ``templates/public.pt``); ``views_staff``: the staff pages.
"""

from .security import VIEW_PUBLIC  # noqa: F401

STATIC_SPEC = "portal.public:static"


def install(site):
    """Create what this concern stores on the site (called by an evolve step; idempotent)."""
    from .store import install as install_store

    install_store(site)


def includeme(config):
    from portal.i18n import _

    config.include(".evolution")
    from portal.resources.events import ObjectAdded, ObjectModified, ObjectWillBeRemoved
    from portal.workflow.events import AfterTransition

    from . import petitioner, publication, summary
    from .security import public_root_factory

    config.add_route("public_bare", "/public", factory=public_root_factory)
    config.add_route("public", "/public/*traverse", factory=public_root_factory)
    from portal.caching import add_static

    add_static(config, "public-static", STATIC_SPEC)
    config.add_subscriber(petitioner.on_accept, AfterTransition)
    config.add_subscriber(publication.on_transition, AfterTransition)
    config.add_subscriber(publication.on_modified, ObjectModified)
    # the statistics summary follows every case (after the deadlines moved: cases is included first)
    config.add_subscriber(summary.on_transition, AfterTransition)
    config.add_subscriber(summary.on_changed, ObjectAdded)
    config.add_subscriber(summary.on_changed, ObjectModified)
    config.add_subscriber(summary.on_removed, ObjectWillBeRemoved)
    for module in (
        "views_progress",
        "views_query",
        "views_petition",
        "views_info",
        "views_stats",
        "views_staff",
    ):
        config.scan(f"{__name__}.{module}")
    from portal.security import permissions as P

    config.add_nav_item("public-pages", _("公开"), P.PUBLISH_CASE, order=110)
