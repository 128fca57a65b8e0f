"""``GET /@@health``: what a proxy or a monitor asks a process before sending it users.

Contract: no sign-in (the route's root grants its one permission to Everyone, as the public
area's does); no session is written, nothing is stored, and
the answer holds no secret, no user and no case — only whether the database answers, its
generation, and when the periodic sweep last ran::

    {"status": "ok", "database": "ok", "generation": 7,
     "last_sweep": "2026-11-20T10:15:00+08:00", "sweep": "ok"}

- 200 when the database answers (``status`` "ok"); 503 with ``"database": "unreachable"`` when
  it does not (a ZEO or PostgreSQL server that is down), so the proxy takes the process out.
- ``sweep`` is "ok" when the last run is at most ``portal.health.sweep_max_age`` minutes old
  (default 60; the timer runs every 15), "late" when older, "never" before the first run. A
  late sweep does not fail the check (the process can still serve); monitors alert on it.
- ``Cache-Control: no-store``. The route has its own root factory, so the check costs one
  connection from the pool and one object load.
"""

import json
import logging
from datetime import datetime, timedelta

from pyramid.authorization import DENY_ALL, Allow, Everyone
from pyramid.response import Response
from pyramid.view import view_config

from portal.security.permissions import VIEW_PUBLIC
from portal.storage import SITE_KEY

log = logging.getLogger(__name__)
DEFAULT_SWEEP_MAX_AGE = 60


class HealthRoot:
    """The root of the health route: nothing to traverse; anyone may ask."""

    __name__ = ""
    __parent__ = None
    __acl__ = ((Allow, Everyone, VIEW_PUBLIC), DENY_ALL)

    def __init__(self, request):
        pass


def sweep_state(last_run, now, max_age_minutes):
    if last_run is None:
        return "never"
    return "ok" if now - last_run <= timedelta(minutes=max_age_minutes) else "late"


def check_storage(conn):
    """Raise if the storage behind ``conn`` cannot reach its server. A ZEO client answers
    loads from its cache while disconnected, so it is asked whether it is still connected
    (it learns of a lost server at once); RelStorage polls its database when the
    connection opens, and raises then."""
    is_connected = getattr(conn.db().storage, "is_connected", None)
    if is_connected is not None and not is_connected():
        raise ConnectionError("the storage server does not answer")


def report(request):
    """The health answer as (status code, dict)."""
    from pyramid_zodbconn import get_connection

    from portal.clock import now
    from portal.notifications.sweep import last_sweep

    try:
        conn = get_connection(request)
        check_storage(conn)
        site = conn.root().get(SITE_KEY)
        generation = getattr(site, "__generation__", None)
        last_run = last_sweep(site) if site is not None else None
    except Exception as exc:  # any storage error means: do not send users here
        log.warning("health check: the database does not answer: %s", type(exc).__name__)
        return 503, {"status": "error", "database": "unreachable"}
    if site is None:
        return 503, {"status": "error", "database": "empty"}
    max_age = int(request.registry.settings.get("portal.health.sweep_max_age", DEFAULT_SWEEP_MAX_AGE))
    return 200, {
        "status": "ok",
        "database": "ok",
        "generation": generation,
        "last_sweep": last_run.isoformat() if isinstance(last_run, datetime) else None,
        "sweep": sweep_state(last_run, now(), max_age),
    }


@view_config(route_name="health", permission=VIEW_PUBLIC, request_method=("GET", "HEAD"))  # nothing to forge
def health(request):
    status, body = report(request)
    response = Response(json.dumps(body), status=status, content_type="application/json", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def includeme(config):
    config.add_route("health", "/@@health", factory=HealthRoot)
    config.scan(__name__)
