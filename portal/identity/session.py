"""Who is signed in: the session holds the userid and the time of sign-in, nothing else.

``load_identity`` is the security policy's identity source: it returns the active ``User`` or
None. Signing out moves the user's ``session_epoch`` on, which voids every session cookie issued
before, including copies. A sign-in older than ``portal.session_max_age`` seconds (default 8 hours) is ignored, so a
directory user who was disabled loses access at the latest then; a session idle for longer than
``portal.session_idle_timeout`` (default 2 hours) expires on its own.
"""

import time

from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool

from portal.storage import get_site

SESSION_USER = "portal.userid"
SESSION_AUTH_AT = "portal.auth_at"
SESSION_EPOCH = "portal.epoch"


def _max_age(request):
    return int(request.registry.settings.get("portal.session_max_age", 8 * 3600))


def load_identity(request):
    session = request.session
    userid = session.get(SESSION_USER)
    if not userid:
        return None
    if time.time() - session.get(SESSION_AUTH_AT, 0) > _max_age(request):
        session.invalidate()
        return None
    user = get_site(request).users.get(userid)
    if user is None or not user.active:
        return None
    if session.get(SESSION_EPOCH) != getattr(user, "session_epoch", 0):
        return None  # signed out since: a copied cookie is worthless
    return user


def remember(request, userid, **kw):
    """Start a fresh session for ``userid`` (new CSRF token: no session fixation)."""
    user = get_site(request).users.get(userid)
    request.session.invalidate()
    request.session[SESSION_USER] = userid
    request.session[SESSION_AUTH_AT] = time.time()
    request.session[SESSION_EPOCH] = getattr(user, "session_epoch", 0)
    request.session.new_csrf_token()
    request.__dict__.pop("_portal_identity", None)
    return []


def forget(request):
    """End the session here and everywhere: the user's epoch moves on, so every cookie issued
    before (a copy left on a shared computer, say) stops working."""
    ident = request.__dict__.get("_portal_identity") or load_identity(request)
    if ident is not None:
        ident.session_epoch = getattr(ident, "session_epoch", 0) + 1
    request.session.invalidate()
    request.__dict__.pop("_portal_identity", None)
    return []


def session_factory(settings):
    secret = settings.get("session.secret")
    if not secret or len(secret) < 32:
        raise ValueError("session.secret must be set to at least 32 random characters")
    return SignedCookieSessionFactory(
        secret,
        cookie_name="portal_session",
        httponly=True,
        samesite="Lax",
        secure=asbool(settings.get("session.secure", False)),
        timeout=int(settings.get("portal.session_idle_timeout", 2 * 3600)),
        reissue_time=300,
    )
