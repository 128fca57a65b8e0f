"""Acting as a demo account outside a web request, with the portal's real security policy.

The demo is built through the same functions the pages call (``register_case``, ``fire``,
``add_document``/``sign_off``, ``save_report``...). They take a request for two things: who acts
(``authenticated_userid``) and what that person may do (``has_permission``, answered by the
registry's security policy from the person's grants). :func:`acting_as` gives them a request
that carries a demo account as its identity, so a step the account could not take on the
pages fails here too, and the demo never holds what its people could not have produced.
"""

import contextlib

from pyramid.interfaces import IRequestExtensions
from pyramid.request import Request, apply_request_extensions


def acting_as(site, registry, login):
    """A request signed in as the demo account ``login`` on ``site``."""
    request = Request.blank("/")
    request.registry = registry
    extensions = registry.queryUtility(IRequestExtensions)
    if extensions is not None:
        apply_request_extensions(request, extensions)
    request.root = request.context = site
    request._primary_zodb_conn = site._p_jar  # get_site(request): the site being built
    user = site.users.get(login)
    request.__dict__["_portal_identity"] = user  # what portal.identity.session would load
    return request


class Cast:
    """One acting request per demo account, made on first use (``cast['zy_officer']``)."""

    def __init__(self, site, registry):
        self.site = site
        self.registry = registry
        self._requests = {}

    def __getitem__(self, login):
        if login not in self._requests:
            self._requests[login] = acting_as(self.site, self.registry, login)
        return self._requests[login]


@contextlib.contextmanager
def back_then(moment):
    """Run the block with the portal's clock standing at ``moment`` (something the demo did
    before today, under the rules of that day), then give the clock back."""
    from portal import clock

    previous = clock.use(lambda: moment)
    try:
        yield
    finally:
        clock.use(previous)
