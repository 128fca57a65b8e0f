"""Throttling of failed sign-ins, per account and per client address.

Failures are kept in the database (``site.signin_failures``: key -> tuple of timestamps), so all
application servers sharing one database throttle together. Only failures write; a success
clears the account's record.
"""
import time

from BTrees.OOBTree import OOBTree

WINDOW = 15 * 60
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def _store(site):
    store = getattr(site, "signin_failures", None)
    if store is None:
        store = site.signin_failures = OOBTree()
    return store


def _recent(store, key, now):
    return tuple(t for t in store.get(key, ()) if now - t < WINDOW)


def _keys(login, address):
    return (("acct:" + (login or "").lower(), ACCOUNT_LIMIT), ("addr:" + (address or "?"), ADDRESS_LIMIT))


def is_locked(site, login, address, now=None):
    """True if the account or the address reached its limit within the window."""
    now = now or time.time()
    store = _store(site)
    return any(len(_recent(store, key, now)) >= limit for key, limit in _keys(login, address))


def record_failure(site, login, address, now=None):
    now = now or time.time()
    store = _store(site)
    for key, _limit in _keys(login, address):
        store[key] = _recent(store, key, now)[-50:] + (now,)


def record_success(site, login):
    store = _store(site)
    store.pop("acct:" + (login or "").lower(), None)
