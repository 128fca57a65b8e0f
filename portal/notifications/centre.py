"""The notification centre's API: raise notices, count and mark them, mail preferences.

Contract:

* ``notify(site, userids, kind, title, body='', url='', mail=True, registry=None, now=None)``
  adds one notice to the inbox of each *active* user among ``userids`` (unknown or deactivated
  userids are skipped, duplicates collapse) and sends ``NotificationAdded`` for each through
  ``registry`` (the current one when None); the mail subscriber (``portal.notifications.mail``)
  sends or queues the e-mail. Returns the userids notified. ``title`` must not name a
  petitioner: it is what the mail carries (with a link to ``url``); ``body`` stays in the portal.
  ``url`` should be a path inside the portal (``/zhongyuan/...``) so mail can make it absolute.
  A ``title`` marked with ``_`` (a mapping message) is shown in each reader's language; its
  Chinese text is what is mailed.
* ``unread_count``, ``notifications_of``, ``mark_read``, ``mark_all_read`` act on one user's
  inbox only: an id of someone else's notice is simply not found.
* Mail preferences: ``mail_kinds(site, userid, registry=None)`` is the set of kind codes the user also gets by
  mail (the kinds' defaults until they save the form); ``set_mail_kinds`` stores a choice.
"""

from pyramid.threadlocal import get_current_registry

from portal import clock

from .events import NotificationAdded
from .kinds import get_kind, registered_kinds
from .store import get_store


def _store(site):
    store = get_store(site)
    if store is None:
        raise RuntimeError("the site has no notification store: run portal-evolve")
    return store


def notify(site, userids, kind, title, body="", url="", mail=True, registry=None, now=None):
    registry = registry or get_current_registry()
    get_kind(kind, registry)
    if not title:
        raise ValueError("a notification needs a title")
    store = _store(site)
    now = now or clock.now()
    if isinstance(userids, str):
        userids = [userids]
    done = []
    for userid in dict.fromkeys(userids):
        user = site.users.get(userid)
        if user is None or not user.active:
            continue
        notification = store.inbox(userid, create=True).add(kind, title, body, url, now)
        registry.notify(NotificationAdded(site, userid, notification, mail, now, registry))
        done.append(userid)
    return done


def unread_count(site, userid):
    store = get_store(site)
    inbox = store.inbox(userid) if store is not None else None
    return inbox.unread() if inbox is not None else 0


def notifications_of(site, userid):
    """``userid``'s notices, newest first (an iterator; empty if they have none)."""
    store = get_store(site)
    inbox = store.inbox(userid) if store is not None else None
    return inbox.newest_first() if inbox is not None else iter(())


def total_count(site, userid):
    store = get_store(site)
    inbox = store.inbox(userid) if store is not None else None
    return len(inbox) if inbox is not None else 0


def mark_read(site, userid, ids):
    """Mark ``userid``'s notices with these ids read; returns how many changed state."""
    inbox = _store(site).inbox(userid)
    if inbox is None:
        return 0
    changed = 0
    for key in ids:
        try:
            notification = inbox.items.get(int(key))
        except (TypeError, ValueError):
            continue
        if notification is not None and not notification.read:
            notification.read = True
            changed += 1
    if changed:
        inbox.unread.change(-changed)
    return changed


def mark_all_read(site, userid):
    """Mark every notice of ``userid`` read; returns how many changed state."""
    inbox = _store(site).inbox(userid)
    if inbox is None:
        return 0
    return mark_read(site, userid, [n.id for n in inbox.items.values() if not n.read])


def mail_kinds(site, userid, registry=None):
    """The kind codes ``userid`` also receives by mail (the defaults of ``registry``'s kinds,
    the current registry by default, until they choose)."""
    store = get_store(site)
    chosen = store.preferences.get(userid) if store is not None else None
    if chosen is None:
        return frozenset(code for code, kind in registered_kinds(registry).items() if kind.mail_default)
    return frozenset(chosen)


def set_mail_kinds(site, userid, chosen, registry=None):
    """Store ``userid``'s choice (codes ``registry`` does not know are dropped)."""
    known = registered_kinds(registry)
    _store(site).preferences[userid] = tuple(sorted(k for k in set(chosen) if k in known))
