"""Events of the notification centre; side effects (mail) subscribe to them."""


class NotificationAdded:
    """``notification`` was added to ``userid``'s inbox in ``site``.

    ``mail`` is False when the caller asked for in-app only; ``now`` is the time the notice was
    raised (the mail subscriber decides from it whether to send now or queue for working hours).
    """

    def __init__(self, site, userid, notification, mail, now, registry):
        self.site = site
        self.userid = userid
        self.notification = notification
        self.mail = mail
        self.now = now
        self.registry = registry  # the registry the event was sent through (mailer lookup)
