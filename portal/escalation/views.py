"""下级逾期 pages: the home page's section comes from ``todo``; this is its full list."""

from pyramid.view import view_config

from portal.resources import Site
from portal.security import permissions as P

from .todo import escalations_for


def today(request):
    from portal import clock

    return clock.today()


@view_config(context=Site, name="overdue-below", renderer="templates/overdue.pt", permission=P.VIEW_HOME)
def overdue_below(context, request):
    """Every open escalation addressed to the signed-in user, most overdue first."""
    return {"lines": escalations_for(context, request.registry, request.user_principals, today(request))}


def includeme(config):
    config.scan(__name__)
