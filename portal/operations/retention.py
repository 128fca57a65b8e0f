"""Retention: how long the stores that grow with use keep their records.

Run by ``portal-pack`` before it packs (a pack then drops the old revisions too). Each rule is
a function of the site and ``now`` (an aware datetime) that deletes what is past its time and
returns how many records it dropped; none of them touches a case, a document, a report, a
log that the regulation keeps (the identity audit log, the publication log, workflow
histories) or anything a user still needs:

- **notifications** (``prune_notifications``): a notice that was read is kept
  ``portal.retention.read_notices_days`` (default 180) days after it was raised, any notice
  ``portal.retention.notices_days`` (default 365) days; the unread counter follows.
- **the sweep's records** (``prune_sweep_records``): a deadline warning's "already raised" key is
  kept while its deadline is open with that due date (else the warning would be raised again),
  and for ``portal.retention.sweep_days`` (default 90) days after it was raised.
- **throttle data** (``prune_throttles``): failed sign-ins and public-form attempts older than a
  day (every window is shorter), and used form challenges past their validity.
- **sessions** are signed cookies: the server stores none, so there is nothing to expire here
  (a session ends after ``portal.session_idle_timeout``; signing out voids every copy).
"""
import time
from datetime import timedelta

DEFAULTS = {"read_notices_days": 180, "notices_days": 365, "sweep_days": 90}
THROTTLE_KEEP_SECONDS = 24 * 3600


def setting(settings, name):
    try:
        return int((settings or {}).get(f"portal.retention.{name}", DEFAULTS[name]))
    except (TypeError, ValueError):
        return DEFAULTS[name]


def prune_notifications(site, now, read_days=180, all_days=365):
    from portal.notifications.store import get_store
    store = get_store(site)
    if store is None:
        return 0
    read_before, any_before = now - timedelta(days=read_days), now - timedelta(days=all_days)
    dropped = 0
    for inbox in store.inboxes.values():
        # ids grow with creation time: only notices older than the later cutoff can be due
        old = list(inbox.items.items(max=_id_at(max(read_before, any_before))))
        unread_dropped = 0
        for key, notice in old:
            if notice.created < any_before or (notice.read and notice.created < read_before):
                del inbox.items[key]
                dropped += 1
                unread_dropped += 0 if notice.read else 1
        if unread_dropped:
            inbox.unread.change(-unread_dropped)
    return dropped


def _id_at(moment):
    """The largest notification id created before ``moment`` (see ``store.new_id``)."""
    return int(moment.timestamp() * 1_000_000) * 1000 + 999


def prune_sweep_records(site, now, days=90):
    from portal.catalog import resolve
    from portal.notifications.store import get_store
    store = get_store(site)
    if store is None:
        return 0
    before = now - timedelta(days=days)
    stale = []
    for key, raised_at in store.raised.items():
        if raised_at >= before:
            continue
        docid, name, _level, due = key
        obj = resolve(site, docid)
        deadline = (getattr(obj, "deadlines", None) or {}).get(name) if obj is not None else None
        still_open = (deadline is not None and getattr(deadline, "is_open", False)
                      and deadline.due.due_date.isoformat() == due)
        if not still_open:
            stale.append(key)
    for key in stale:
        del store.raised[key]
    return len(stale)


def _prune_timestamps(tree, now_ts, keep):
    """Drop the keys of ``tree`` (key -> tuple of timestamps) whose newest is older than ``keep``."""
    stale = [key for key, stamps in tree.items() if not stamps or max(stamps) < now_ts - keep]
    for key in stale:
        del tree[key]
    return len(stale)


def prune_throttles(site, now_ts=None):
    """Throttle records past every window (sign-in failures, public forms, used challenges).
    Kept separate from the throttles themselves, which only read and add."""
    now_ts = now_ts or time.time()
    dropped = 0
    failures = getattr(site, "signin_failures", None)
    if failures is not None:
        dropped += _prune_timestamps(failures, now_ts, THROTTLE_KEEP_SECONDS)
    public = getattr(site, "public_area", None)
    if public is not None:
        if getattr(public, "throttle", None) is not None:
            dropped += _prune_timestamps(public.throttle, now_ts, THROTTLE_KEEP_SECONDS)
        used = getattr(public, "used_challenges", None)
        if used is not None:
            from portal.public.challenge import prune_used
            before = len(used)
            prune_used(used, now_ts)
            dropped += before - len(used)
    return dropped


def apply(site, now, settings=None):
    """Every rule, with the settings' periods; returns {rule: records dropped}. Caller commits."""
    return {
        "notifications": prune_notifications(site, now, setting(settings, "read_notices_days"),
                                             setting(settings, "notices_days")),
        "sweep_records": prune_sweep_records(site, now, setting(settings, "sweep_days")),
        "throttles": prune_throttles(site, now.timestamp()),
    }
