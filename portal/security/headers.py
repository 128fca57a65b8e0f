"""The header policy every response carries: pages, downloads, static files and error pages.

Contract (the tween :func:`security_headers_tween`, installed by ``portal.security``):

- ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and CSP ``frame-ancestors
  'none'`` (no page of the portal can be framed), ``Referrer-Policy: same-origin`` (a case URL
  never leaves the site in a Referer; the portal's own pages still get one).
- ``Content-Security-Policy`` (:data:`POLICY`): scripts only from the portal itself, plus the
  inline scripts that carry this response's nonce, plus exactly the two inline handlers of
  deform's sequence widget (:data:`DEFORM_HANDLERS`, allowed by hash). A page asks for the
  nonce with ``request.csp_nonce`` (made on first use, so a page without inline scripts gets
  a policy without a nonce and can be cached); ``portal.forms`` stamps it on the inline
  scripts deform's widgets render, and only there (those templates escape every value, so no
  input can reach a stamped script). Styles may be inline (style attributes of deform and of
  our own pages; no script runs from a style).
- ``Strict-Transport-Security: max-age=<n>; includeSubDomains`` when ``portal.hsts_max_age``
  is set above 0 (``production.ini``: one year); never in development, where the portal is
  served over plain HTTP.

A header a view set itself is kept (e.g. a stricter or looser policy for one page).
"""

import base64
import hashlib
import secrets

#: The inline event handlers of deform 3's sequence widget (sequence.pt, sequence_item.pt);
#: tests/security/test_headers.py checks that deform still renders exactly these.
DEFORM_HANDLERS = (
    "javascript: return deform.appendSequenceItem(this);",
    "javascript:deform.removeSequenceItem(this);",
)


def _hash(source):
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'unsafe-hashes' " + " ".join(_hash(h) for h in DEFORM_HANDLERS)),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

NONCE_KEY = "portal.csp_nonce"


def csp_nonce(request):
    """This response's script nonce (made once per request, on first use)."""
    nonce = request.environ.get(NONCE_KEY)
    if nonce is None:
        nonce = request.environ[NONCE_KEY] = secrets.token_urlsafe(18)
    return nonce


def policy(nonce=None):
    parts = []
    for directive, sources in POLICY:
        if directive == "script-src" and nonce:
            sources = f"{sources} 'nonce-{nonce}'"
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def apply_headers(request, response, hsts_max_age=0):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Content-Security-Policy", policy(request.environ.get(NONCE_KEY)))
    if hsts_max_age > 0:
        headers.setdefault("Strict-Transport-Security", f"max-age={hsts_max_age}; includeSubDomains")
    return response


def security_headers_tween_factory(handler, registry):
    try:
        hsts = int(registry.settings.get("portal.hsts_max_age", 0) or 0)
    except (TypeError, ValueError):
        raise ValueError("portal.hsts_max_age must be a whole number of seconds") from None

    def security_headers_tween(request):
        return apply_headers(request, handler(request), hsts)

    return security_headers_tween


def includeme(config):
    config.add_request_method(csp_nonce, "csp_nonce", reify=True)
    config.add_tween("portal.security.headers.security_headers_tween_factory")
