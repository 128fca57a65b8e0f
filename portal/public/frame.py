"""The public frame of UI.md: the bureau's name, six entries, nothing of the staff portal.

``PublicFrame(request)`` is given to every public template as ``frame`` (see
``rendering.public_response``). ``url(*parts, **query)`` builds a path under ``/public/``.
"""

import re
from functools import lru_cache
from urllib.parse import quote, urlencode

from portal.clock import as_date, format_date_cn

BUREAU = "郑州市教育局"
SITE_TITLE = "信访信息公开"

PREFIX = "/public/"  # the route pattern of portal.public.includeme
STATIC = "/public-static/"  # its static view (portal/public/static, tokened, kept a year)

NAV = (
    ("progress", "办理进度公开"),
    ("query", "查询我的信访"),
    ("petition", "网上信访"),
    ("reception", "接待日安排"),
    ("rules", "信访须知"),
    ("statistics", "统计公开"),
)


_SAFE = re.compile(r"^[A-Za-z0-9._~-]*$")


@lru_cache(maxsize=8)
def _nav(script_name):
    return tuple((name, title, script_name + PREFIX + name) for name, title in NAV)


def fmt_date(value):
    """2026年11月26日 ('' for None)."""
    return "" if value is None else format_date_cn(value)


def iso_date(value):
    """2026-11-26, the date of a datetime in China time ('' for None)."""
    return "" if value is None else as_date(value).isoformat()


class PublicFrame:
    def __init__(self, request, section=""):
        self.request = request
        self.section = section
        self.fmt_date = fmt_date
        self.iso_date = iso_date

    def url(self, *parts, **query):
        """The path of ``/public/<parts...>?<query>`` (what ``route_path('public', traverse=
        parts)`` gives, built directly: the frame asks for a dozen links per page)."""
        path = (
            self.request.script_name
            + PREFIX
            + "/".join(p if _SAFE.match(p) else quote(p, safe="") for p in map(str, parts))
        )
        return path + ("?" + urlencode(query) if query else "")

    @property
    def staff_login(self):
        """The staff sign-in page (a discreet link in the footer)."""
        return self.request.script_name + "/login"

    def static(self, name):
        """The URL of a public static file, with its content token (cached for a year)."""
        from portal.caching.static import token

        return f"{self.request.script_name}{STATIC}{name}?v={token('portal.public:static', name)}"

    def shared_static(self, name):
        """A file of the staff frame's static view (``portal/layout/static``), e.g. actions.js."""
        return self.request.script_name + "/static/" + name

    @property
    def nav(self):
        return [
            {"url": url, "title": title, "current": name == self.section}
            for name, title, url in _nav(self.request.script_name)
        ]

    @property
    def csrf_token(self):
        return self.request.session.get_csrf_token()
