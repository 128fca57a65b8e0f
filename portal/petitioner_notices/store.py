"""What petitioner notices keep on the site: ``site.petitioner_notices`` (a :class:`NoticeStore`).

* ``messages``: id -> :class:`Message` (one per step, channel and addressee); ``by_case``: case
  path -> OOTreeSet of ids (the record on the case); ``outbox``: ids still to be sent or
  retried; ``by_serial``: the gateway's serial number -> id (delivery receipts);
  ``done_steps``: (case path, step key) already queued, so a step is told once.
* ``held_codes``: case path -> (plain query code, issued at) until the message that carries
  it is queued (see ``messages``); ``optout``: case path -> when the petitioner opted out.

A :class:`Message` holds no address: the phone or e-mail is read from the case when it is sent
(so a corrected number is used), and only its masked form is kept for the record. Its status
moves ``queued`` -> ``sending`` -> ``submitted`` (the gateway took it) -> ``delivered``; a failed
attempt goes back to ``queued`` with a later ``not_before`` until ``MAX_ATTEMPTS``, then
``failed`` (shown on the case so the office posts the notice instead). ``withheld`` records a
step the petitioner was not sent (opted out, no mobile number). Every attempt is appended to
``attempts`` and never changed.
"""

from dataclasses import dataclass
from datetime import datetime

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent

from portal.i18n import _
from portal.notifications.store import new_id

ATTRIBUTE = "petitioner_notices"
MAX_ATTEMPTS = 3
STATUS_TITLES = {
    "queued": "待发送",
    "sending": "发送中",
    "submitted": "已提交，待回执",
    "delivered": "已送达",
    "failed": "发送失败，请书面告知",
    "withheld": "未发送",
    "cancelled": "已取消",
}
CHANNEL_TITLES = {"sms": _("短信"), "mail": _("电子邮件")}
FINAL = ("delivered", "failed", "withheld", "cancelled")


@dataclass(frozen=True)
class Attempt:
    at: datetime
    outcome: str  # submitted | delivered | failed | deferred
    detail: str  # the gateway's code and message, Chinese where we write it
    serial: str = ""


class Message(Persistent):
    def __init__(
        self,
        id,
        case_path,
        number,
        step,
        title,
        channel,
        template,
        params,
        text,
        masked_to,
        created,
        not_before,
        status="queued",
        reason="",
    ):
        self.id = id
        self.case_path = case_path
        self.number = number
        self.step = step
        self.title = title
        self.channel = channel
        self.template = template
        self.params = dict(params)  # the plain query code lives here until the end
        self.text = text  # what the record shows (the code masked)
        self.masked_to = masked_to
        self.created = created
        self.not_before = not_before
        self.status = status
        self.reason = reason  # Chinese: why it was withheld or given up
        self.attempts = ()
        self.serial = ""
        self.claimed_at = None
        self.delivered_at = None
        self.seq = 0

    @property
    def status_title(self):
        return STATUS_TITLES.get(self.status, self.status)

    @property
    def channel_title(self):
        return CHANNEL_TITLES.get(self.channel, self.channel)

    @property
    def failures(self):
        return sum(1 for a in self.attempts if a.outcome == "failed")

    def add_attempt(self, attempt):
        self.attempts = self.attempts + (attempt,)

    def finish(self, status, when, reason=""):
        """A final status; the plain query code is erased from the parameters."""
        self.status = status
        if reason:
            self.reason = reason
        if status == "delivered":
            self.delivered_at = when
        if "code" in self.params:
            self.params = dict(self.params, code="")


class NoticeStore(Persistent):
    def __init__(self):
        self.messages = LOBTree()
        self.by_case = OOBTree()
        self.outbox = OOTreeSet()
        self.by_serial = OOBTree()
        self.done_steps = OOBTree()
        self.held_codes = OOBTree()
        self.optout = OOBTree()
        self.count = Length(0)

    def add(self, message):
        self.count.change(1)
        message.seq = self.count()  # the order of queueing (a conflict-resolving counter)
        self.messages[message.id] = message
        ids = self.by_case.get(message.case_path)
        if ids is None:
            ids = self.by_case[message.case_path] = OOTreeSet()
        ids.add(message.id)
        if message.status == "queued":
            self.outbox.add(message.id)
        return message

    def new_id(self, when):
        return new_id(self.messages, when)

    def of_case(self, path):
        """The case's messages, newest first."""
        found = [self.messages[i] for i in self.by_case.get(path, ())]
        return sorted(found, key=lambda m: -m.seq)

    def settle(self, message, status, when, reason=""):
        message.finish(status, when, reason)
        if message.id in self.outbox:
            self.outbox.remove(message.id)


def get_store(site):
    return getattr(site, ATTRIBUTE, None)


def install_store(site):
    store = get_store(site)
    if store is None:
        store = NoticeStore()
        setattr(site, ATTRIBUTE, store)
    return store
