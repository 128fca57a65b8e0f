"""The kinds of notification: a code, its Chinese title, and whether mail is on by default.

Contract:

* A concern declares each kind it raises as a ``Kind(code, title, mail_default=True)`` constant
  of its own module (a plain value: importing it registers nothing) and registers it with
  ``config.add_notification_kind(kind)`` (a directive, added by ``portal.notifications.sweeping``).
* The discriminator is the code: two registrations of one code are a Pyramid
  ``ConfigurationConflictError``; a kind without a code or a Chinese title stops start-up.
* Register a kind in the concern's configuration (its ``includeme`` or a module it includes);
  the console scripts start the whole application, so they know every kind.
* ``notify`` refuses a kind its registry does not know (a programming error); the preferences
  form lists the registry's kinds so users choose which kinds also reach them by e-mail.
"""

from dataclasses import dataclass

from pyramid.exceptions import ConfigurationError
from pyramid.threadlocal import get_current_registry

from portal.i18n import _

KEY = "portal.notification_kinds"


@dataclass(frozen=True)
class Kind:
    code: str
    title: str  # Chinese, shown in the centre and the preferences form
    mail_default: bool = True


def add_notification_kind(config, kind):
    """Directive: register ``kind`` (see the module contract)."""
    code = getattr(kind, "code", None)

    def register():
        if not isinstance(kind, Kind) or not kind.code or not kind.title:
            raise ConfigurationError(f"notification kind {kind!r} needs a code and a Chinese title")
        config.registry.setdefault(KEY, {})[kind.code] = kind

    config.action(("portal.notification_kind", code), register)


def registered_kinds(registry=None):
    """``{code: Kind}`` of the registry (the current one by default), in registration order."""
    registry = registry if registry is not None else get_current_registry()
    return dict(registry.get(KEY) or {})


def get_kind(code, registry=None):
    """The ``Kind`` for ``code``; ``KeyError`` for an undeclared kind (a programming error)."""
    found = registered_kinds(registry)
    if code not in found:
        raise KeyError(f"notification kind {code!r} is not registered")
    return found[code]


MESSAGE = Kind("message", _("系统消息"), mail_default=False)
TASK = Kind("task", _("待办事项"))
DEADLINE_DUE_SOON = Kind("deadline_due_soon", _("期限即将到期"))
DEADLINE_DUE_TODAY = Kind("deadline_due_today", _("期限今日到期"))
DEADLINE_OVERDUE = Kind("deadline_overdue", _("期限已超期"))

# warning level code (portal.deadlines.LEVELS) -> the kind the sweep raises for it
DEADLINE_KINDS = {
    "due_soon": DEADLINE_DUE_SOON,
    "due_today": DEADLINE_DUE_TODAY,
    "overdue": DEADLINE_OVERDUE,
}
