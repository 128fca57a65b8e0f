"""HTTP caching: validators and 304s for the public area, content-tokened static files with a
long max-age, and ``private, no-store`` for everything staff see (see ``http`` and ``static``)."""

from .http import etag, not_modified, shared_cache  # noqa: F401
from .static import add_static  # noqa: F401


def includeme(config):
    from pyramid.events import NewResponse

    from .http import public_answers, staff_no_store

    config.add_subscriber(public_answers, NewResponse)
    config.add_subscriber(staff_no_store, NewResponse)
