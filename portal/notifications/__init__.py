"""Notifications: the in-app notification centre, e-mail, and the periodic sweep.

Modules: ``kinds`` (what a notice can be: ``config.add_notification_kind``), ``store`` (the persistent store on the site),
``centre`` (the API: ``notify``, ``unread_count``, ``mark_read``, ``mark_all_read``,
preferences), ``events`` (``NotificationAdded``), ``hours`` (working hours),
``mail`` (pyramid_mailer, sending or queueing), ``recipients`` (who acts on a deadline),
``sweep`` (deadline warnings, registered sweep tasks and queued mail; ``portal-sweep INI``),
``sweeping`` (the ``add_sweep_task`` directive), ``views`` (the page).
"""

from .centre import (
    mail_kinds,
    mark_all_read,
    mark_read,
    notifications_of,  # noqa: F401
    notify,
    set_mail_kinds,
    unread_count,
)
from .kinds import Kind, registered_kinds  # noqa: F401


def install(site):
    """Create the notification store on the site unless it has one (called by evolve step 3)."""
    from .store import install_store

    install_store(site)


def includeme(config):
    """Mail (when ``mail.host`` is set), the sweep-task directive, ``request.unread_notifications``
    and the page."""
    config.include(".evolution")
    config.include(".sweeping")
    config.include(".views")
