"""Identity sources: where a login and password are checked. Local accounts come built in;
the LDAP source (``portal.ldap``) registers itself beside them with ``config.add_identity_source``.

A source's contract: ``authenticate(request, site, login, password)`` returns the ``User`` to sign
in (creating or refreshing its profile if the source does that) or None when the credentials
are not good *for this source*; it raises ``SourceUnavailable`` when it cannot tell.
"""


class SourceUnavailable(Exception):
    """The source could not be asked (directory down, too slow or busy). Details go to the log
    only; ``message`` is the Chinese text to show, or None for the sign-in page's default."""

    def __init__(self, detail="", message=None):
        super().__init__(detail)
        self.message = message


class SignInRefused(Exception):
    """The source knows the person but refuses them; ``str()`` is the Chinese message to show
    (it names no other account and no detail an attacker could use)."""


class LocalSource:
    """Accounts kept in the site with an argon2 hash (administrators, the demo accounts).

    Every call verifies one password, also for a login no local account holds (against a
    dummy hash), so a known and an unknown name cost the same (no enumeration by timing).
    """

    name = "local"

    def authenticate(self, request, site, login, password):
        from .passwords import burn_time

        user = site.users.get(login)
        if user is None or user.source != "local":
            burn_time()
            return None
        if user.check_password(password) and user.active:
            return user
        return None


def add_identity_source(config, source, first=False):
    """Directive: ask ``source`` too when someone signs in (local accounts are asked first)."""

    def register():
        sources = config.registry.__dict__.setdefault("portal_identity_sources", [])
        sources.insert(0, source) if first else sources.append(source)

    config.action(("portal-identity-source", source.name), register)


def identity_sources(registry):
    return tuple(registry.__dict__.get("portal_identity_sources", ()))
