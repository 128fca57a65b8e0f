"""The kinds of notification: a code, its Chinese title, and whether mail is on by default.

Every ``notify`` names one of these kinds; the preferences form lists them so users choose which
kinds also reach them by e-mail. A concern that needs a new kind calls ``register_kind`` at import
or ``includeme`` time (it is idempotent for the same title).
"""

from dataclasses import dataclass

from portal.i18n import _


@dataclass(frozen=True)
class Kind:
    code: str
    title: str  # Chinese, shown in the centre and the preferences form
    mail_default: bool = True


KINDS = {}


def register_kind(code, title, mail_default=True):
    """Declare a kind; returns it. Refuses to redefine a code with another title."""
    kind = Kind(code, title, mail_default)
    existing = KINDS.get(code)
    if existing is not None and existing != kind:
        raise ValueError(f"notification kind {code!r} already registered as {existing.title}")
    KINDS[code] = kind
    return kind


def get_kind(code):
    """The ``Kind`` for ``code``; ``KeyError`` for an undeclared kind (a programming error)."""
    return KINDS[code]


MESSAGE = register_kind("message", _("系统消息"), mail_default=False)
TASK = register_kind("task", _("待办事项"))
DEADLINE_DUE_SOON = register_kind("deadline_due_soon", _("期限即将到期"))
DEADLINE_DUE_TODAY = register_kind("deadline_due_today", _("期限今日到期"))
DEADLINE_OVERDUE = register_kind("deadline_overdue", _("期限已超期"))

# warning level code (portal.deadlines.LEVELS) -> the kind the sweep raises for it
DEADLINE_KINDS = {
    "due_soon": DEADLINE_DUE_SOON,
    "due_today": DEADLINE_DUE_TODAY,
    "overdue": DEADLINE_OVERDUE,
}
