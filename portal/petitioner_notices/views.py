"""告知信访人记录: the record of a case's notices to the petitioner (staff, masked)."""

from pyramid.view import view_config

from portal.cases.resource import Case
from portal.security import permissions as P

from .store import FINAL, get_store


def records(request, case):
    from pyramid.traversal import resource_path

    store = get_store(request.root)
    return store.of_case(resource_path(case)) if store is not None else []


def failed_notices(request, case):
    """The case's notices the office must give in writing (given up or never sendable)."""
    return [m for m in records(request, case) if m.status in ("failed", "withheld")]


@view_config(context=Case, name="petitioner-notices", renderer="templates/record.pt", permission=P.VIEW)
def record_view(context, request):
    messages = records(request, context)
    return {
        "messages": messages,
        "final": FINAL,
        "to_post": [m for m in messages if m.status in ("failed", "withheld")],
    }


def includeme(config):
    config.add_request_method(failed_notices, "failed_petitioner_notices")
    config.scan(__name__)
