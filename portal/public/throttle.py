"""A DB-backed sliding-window throttle (like ``portal.identity.throttle``), for public forms.

Keys live in ``store.throttle`` (key -> tuple of timestamps), so every application server that
shares the database throttles together. ``blocked`` only reads; ``hit`` records one attempt.
Keys are built by the callers from an address or a *hash* of a query code, never the code.
"""
import time

KEEP = 100


def _recent(store, key, window, now):
    return tuple(t for t in store.throttle.get(key, ()) if now - t < window)


def count(store, key, window, now=None):
    return len(_recent(store, key, window, now or time.time()))


def blocked(store, limits, now=None):
    """True if any ``(key, limit, window)`` of ``limits`` reached its limit."""
    now = now or time.time()
    return any(len(_recent(store, key, window, now)) >= limit for key, limit, window in limits)


def hit(store, limits, now=None):
    """Record one attempt under every key of ``limits`` (dropping expired timestamps)."""
    now = now or time.time()
    for key, _limit, window in limits:
        store.throttle[key] = _recent(store, key, window, now)[-KEEP:] + (now,)


def clear(store, key):
    store.throttle.pop(key, None)


def setting(request, name, default):
    """An integer setting ``portal.public.<name>`` (tests and deployments tune limits)."""
    try:
        return int(request.registry.settings.get(f"portal.public.{name}", default))
    except (TypeError, ValueError):
        return default
