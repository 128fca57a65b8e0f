"""The prevention pages. Every view names its permission; finer rules (who decides for a unit,
who plans a backlog case) are checked in the view and answered with 403, and the workflow
engine re-checks every transition."""
from pyramid.httpexceptions import HTTPFound


def includeme(config):
    config.scan(__name__)


def entry_redirect(request, view, title):
    """Send the user to ``view`` on the highest unit they act for (the navigation's entry)."""
    from portal.reports.units import acting_units
    site = request.root
    if request.has_permission("view", site):
        return HTTPFound(request.resource_url(site, view))
    units = acting_units(request)
    if units:
        return HTTPFound(request.resource_url(units[0], view))
    request.session.flash(f"您尚未被授予任何机构的角色，无法使用{title}", "warning")
    return HTTPFound(request.resource_url(site))
