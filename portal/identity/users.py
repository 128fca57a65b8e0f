"""User records: local accounts (with an argon2 hash) and profiles of directory users.

Every person who signs in has one ``User`` in ``site.users``, whatever the source: local
accounts are created by administrators; directory (LDAP) users get a profile at their first
sign-in, refreshed at each later one. A login is stored in its normalised form
(``portal.identity.logins``), so one name is one person: a directory entry and a local account
never share a ``User``. ``userid`` is that login; the security policy's principal for it is
``user:<userid>`` (``portal.security.principals``).
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from portal import clock

from . import passwords
from .logins import find_login, normalise_login


class User(Persistent):
    """One person. ``groups`` are principal ids (``group:<name>``); never holds a plain password."""

    def __init__(self, login, title, source="local", email="", phone="", unit_path=None):
        self.login = normalise_login(login)
        self.title = title
        self.source = source
        self.email = email
        self.phone = phone
        self.unit_path = unit_path
        self.groups = ()
        self.active = True
        self.password_hash = None
        self.created = clock.now()
        self.last_login = None
        self.session_epoch = 0

    @property
    def userid(self):
        return self.login

    def set_password(self, password):
        self.password_hash = passwords.hash_password(password)

    def check_password(self, password):
        """True if ``password`` matches; rehashes transparently when parameters changed."""
        if not self.password_hash:
            passwords.burn_time()
            return False
        ok, new_hash = passwords.verify(self.password_hash, password)
        if ok and new_hash:
            self.password_hash = new_hash
        return ok


class UserFolder(Persistent):
    """login -> ``User``, in an OOBTree with a conflict-free ``Length``."""

    def __init__(self):
        self.data = OOBTree()
        self._num = Length(0)

    def __len__(self):
        return self._num()

    def get(self, login, default=None):
        """The user stored under ``login`` (a userid, or typed text in any letter case)."""
        key = find_login(login)
        return default if key is None else self.data.get(key, default)

    def __contains__(self, login):
        return self.get(login) is not None

    def values(self):
        return self.data.values()

    def add(self, user):
        if user.login in self.data:
            raise ValueError(f"账号“{user.login}”已存在")
        self.data[user.login] = user
        self._num.change(1)
        return user
