"""What the notification centre keeps on the site (``site.notifications``).

Contract:

* ``NotificationStore`` holds, per userid, an ``Inbox`` (created on the first notice) and the
  user's mail preferences; a mail ``outbox`` of ``QueuedMail`` waiting for working hours; and
  ``raised``, the keys of deadline warnings the sweep already raised (its idempotence record).
* An ``Inbox`` keeps its ``Notification`` objects in an ``LOBTree`` keyed by id (ids grow with
  creation time, so reversed keys are newest first) and its unread count in a ``BTrees.Length``:
  two transactions adding notices for the same user touch different keys and a conflict-resolving
  counter, so they do not conflict.
* Datetimes are stored with a fixed +08:00 offset (ZODB cannot pickle ``ZoneInfo``).
* Only the functions of ``portal.notifications.centre`` change the read flags, so the counter
  stays equal to the number of unread notices.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from translationstring import TranslationString

from portal.clock import to_shanghai
from portal.i18n import parts

STORE_KEY = "notifications"


def new_id(tree, created):
    """A free integer key that sorts by ``created`` (microseconds * 1000 + a random tail)."""
    base = int(created.timestamp() * 1_000_000) * 1000
    while True:
        candidate = base + random.randrange(1000)
        if candidate not in tree:
            return candidate


class Notification(Persistent):
    """One notice for one user. Everything but ``read`` is fixed at creation.

    A title or body given as a marked message is stored once, as its parts
    (``title_parts``/``body_parts``, ``portal.i18n.parts``): ``title``/``body`` render them in
    Chinese (the mail's subject), ``title_in``/``body_in`` in the reader's language. A plain
    string (a comment, a note: what people wrote) is stored as it is. Notices stored before
    kept the Chinese text beside the parts, under ``title``/``body``: they read as before
    (their title looked up as a message as it is; composed titles stay Chinese)."""

    title_parts = ()
    body_parts = ()

    def __init__(self, id, kind, title, body, url, created):
        self.id = id
        self.kind = kind
        if isinstance(title, TranslationString):
            self.title_parts = (parts.from_message(title),)
        else:
            self._title = title
        if isinstance(body, TranslationString):
            self.body_parts = (parts.from_message(body),)
        else:
            self._body = body
        self.url = url
        self.created = to_shanghai(created)
        self.read = False

    def _stored(self, name):
        # the plain text of a new notice, or the Chinese text an older notice kept (the
        # attribute access that called this has loaded the state)
        state = self.__dict__
        return state.get(f"_{name}", state.get(name, ""))

    @property
    def title(self):
        """The title in Chinese."""
        return parts.render(self.title_parts) if self.title_parts else self._stored("title")

    @property
    def body(self):
        """The body in Chinese."""
        return parts.render(self.body_parts) if self.body_parts else self._stored("body")

    def title_in(self, translate):
        """The title in the language of ``translate`` (``request.localizer.translate``)."""
        if self.title_parts:
            return parts.render(self.title_parts, translate)
        return translate(TranslationString(self.title, domain=parts.DOMAIN))

    def body_in(self, translate):
        """The body in the language of ``translate`` when it was given as a marked message;
        else as stored (a comment, a note: what people wrote)."""
        return parts.render(self.body_parts, translate) if self.body_parts else self.body


class Inbox(Persistent):
    """One user's notices (``items``: id -> ``Notification``) and their unread counter."""

    def __init__(self):
        self.items = LOBTree()
        self.unread = Length(0)

    def add(self, kind, title, body, url, created):
        notification = Notification(new_id(self.items, created), kind, title, body, url, created)
        self.items[notification.id] = notification
        self.unread.change(1)
        return notification

    def newest_first(self):
        for key in reversed(self.items.keys()):
            yield self.items[key]

    def __len__(self):
        return len(self.items)


@dataclass(frozen=True)
class QueuedMail:
    """A mail held back until working hours. Carries no address: it is looked up at sending."""

    userid: str
    kind: str
    title: str
    url: str
    created: datetime


class NotificationStore(Persistent):
    last_sweep = None  # when ``portal-sweep`` last ran (set by ``sweep.sweep``)

    def __init__(self):
        self.inboxes = OOBTree()  # userid -> Inbox
        self.preferences = OOBTree()  # userid -> tuple of kind codes that also go by mail
        self.outbox = LOBTree()  # id -> QueuedMail
        self.raised = OOBTree()  # (docid, deadline name, level code, due iso) -> datetime

    def inbox(self, userid, create=False):
        """``userid``'s inbox; None if they never had a notice (unless ``create``)."""
        inbox = self.inboxes.get(userid)
        if inbox is None and create:
            inbox = self.inboxes[userid] = Inbox()
        return inbox

    def queue_mail(self, mail):
        key = new_id(self.outbox, mail.created)
        self.outbox[key] = mail
        return key


def get_store(site):
    """The site's store, or None on a site that was never evolved to have one."""
    return getattr(site, STORE_KEY, None)


def install_store(site):
    """Give ``site`` a store unless it already has one (idempotent); return the store."""
    store = get_store(site)
    if store is None:
        store = NotificationStore()
        setattr(site, STORE_KEY, store)
    return store
