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
- **used form challenges** (``prune_used_challenges``): those past their validity. Throttle
  state (failed sign-ins, public-form attempts) is not in the database at all: it lives in the
  process, bounded and expiring (``portal.security.throttle``; evolve step 19 dropped what
  older versions stored).
- **sessions** are signed cookies: the server stores none, so there is nothing to expire here
  (a session ends after ``portal.session_idle_timeout``; signing out voids every copy).
"""

import time
from datetime import timedelta

DEFAULTS = {"read_notices_days": 180, "notices_days": 365, "sweep_days": 90}


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
        still_open = (
            deadline is not None
            and getattr(deadline, "is_open", False)
            and deadline.due.due_date.isoformat() == due
        )
        if not still_open:
            stale.append(key)
    for key in stale:
        del store.raised[key]
    return len(stale)


def prune_used_challenges(site, now_ts=None):
    """Used online-form challenges older than any challenge still accepted."""
    used = getattr(getattr(site, "public_area", None), "used_challenges", None)
    if used is None:
        return 0
    from portal.public.challenge import prune_used

    before = len(used)
    prune_used(used, now_ts or time.time())
    return before - len(used)


def apply(site, now, settings=None):
    """Every rule, with the settings' periods; returns {rule: records dropped}. Caller commits."""
    return {
        "notifications": prune_notifications(
            site, now, setting(settings, "read_notices_days"), setting(settings, "notices_days")
        ),
        "sweep_records": prune_sweep_records(site, now, setting(settings, "sweep_days")),
        "used_challenges": prune_used_challenges(site, now.timestamp()),
    }
