"""E-mail for notices: configured from the ini, transaction-aware, only in working hours.

Contract:

* Mail is on when the ini sets ``mail.host`` (pyramid_mailer's own ``mail.*`` settings; then
  ``mail.default_sender`` is required). Otherwise it is off and every mail is logged as skipped.
* A notice goes by mail when the caller allowed it (``mail=True``), the user has an e-mail
  address and chose that kind (``centre.mail_kinds``). Inside working hours (``hours``) it is
  sent with the transaction-aware mailer, joined to the site's transaction: it leaves at commit,
  and a failed request (aborted transaction) sends nothing. Outside them it is queued in the
  store's ``outbox`` and ``send_queued`` (the sweep) sends it in the next working hours, checking
  address and preference again at that time.
* A mail carries a Chinese subject with the notice's title and a body with the title and a link
  only -- never the notice's ``body``, never a petitioner's identity.
* A failure of the mail server after commit is logged, never raised: the user's committed action
  must not turn into an error page because mail is down.
"""

import logging
import smtplib

import transaction
from pyramid_mailer import get_mailer
from pyramid_mailer.interfaces import IMailer
from pyramid_mailer.mailer import Mailer
from pyramid_mailer.message import Message

from .centre import mail_kinds
from .events import NotificationAdded
from .hours import in_working_hours
from .store import QueuedMail, get_store

log = logging.getLogger(__name__)

PORTAL_NAME = "郑州市教育系统信访稳定工作平台"
BASE_URL_SETTING = "notifications.base_url"


class CarefulSMTPMailer:
    """Wraps repoze.sendmail's SMTP mailer to fix two things at the moment of sending:

    * lines end in CRLF: repoze.sendmail hands smtplib bytes with bare LF, which smtplib does
      not convert, and RFC 5321 servers that refuse bare LF (aiosmtpd, Postfix with
      ``smtpd_forbid_bare_newline``) answer "Line too long" or reject the mail;
    * a server failure at commit is logged, not raised.
    """

    def __init__(self, inner):
        self.inner = inner

    def send(self, fromaddr, toaddrs, message):
        message.policy = message.policy.clone(linesep="\r\n")
        try:
            return self.inner.send(fromaddr, toaddrs, message)
        except (OSError, smtplib.SMTPException):
            log.exception("mail to %s failed after commit; it is lost", ", ".join(toaddrs))


def configure_mail(config):
    """Include pyramid_mailer when ``mail.host`` is set; subscribe the mail side effect."""
    settings = config.get_settings()
    if settings.get("mail.host"):
        if not settings.get("mail.default_sender"):
            raise ValueError("mail.host is set but mail.default_sender is not")
        config.include("pyramid_mailer")
        plain = config.registry.getUtility(IMailer)
        careful = Mailer(
            smtp_mailer=CarefulSMTPMailer(plain.smtp_mailer),
            sendmail_mailer=plain.sendmail_mailer,
            queue_path=plain.queue_path,
            default_sender=plain.default_sender,
        )
        config.registry.registerUtility(careful, IMailer)
    else:
        log.info("mail.host is not set: notification mail is off")
    config.add_subscriber(on_notification_added, NotificationAdded)


def mail_enabled(registry):
    return registry.queryUtility(IMailer) is not None


def _transactional_mailer(site, registry):
    jar = getattr(site, "_p_jar", None)
    manager = jar.transaction_manager if jar is not None else transaction.manager
    return get_mailer(registry).bind(transaction_manager=manager)


def absolute_url(url, registry):
    """``url`` made absolute with ``notifications.base_url`` (or the current request's host)."""
    if not url or "://" in url:
        return url
    base = (registry.settings or {}).get(BASE_URL_SETTING)
    if not base:
        from pyramid.threadlocal import get_current_request

        request = get_current_request()
        base = request.application_url if request is not None else ""
    return base.rstrip("/") + "/" + url.lstrip("/") if base else url


def compose(user, title, url, registry):
    """The Chinese message for ``user``: the title and a link, nothing else about the matter."""
    link = absolute_url(url, registry) or absolute_url("/@@notifications", registry)
    lines = [f"{user.title}，您好：", "", f"您在{PORTAL_NAME}有一条新通知：", f"    {title}", ""]
    if link:
        lines += ["请登录平台查看详情：", f"    {link}", ""]
    lines += ["本邮件由系统自动发送，请勿直接回复。为保护信访人信息，邮件不含事项详情。"]
    return Message(subject=f"【信访平台】{title}", recipients=[user.email], body="\n".join(lines))


def _mailable_user(site, userid, kind, registry):
    """The user if this mail should go to them now, else None (and the reason is logged)."""
    user = site.users.get(userid)
    if user is None or not user.active:
        log.info("mail to %s skipped: no active account", userid)
        return None
    if not getattr(user, "email", ""):
        log.info("mail to %s skipped: no e-mail address", userid)
        return None
    if kind not in mail_kinds(site, userid, registry):
        log.info("mail to %s skipped: %s not chosen", userid, kind)
        return None
    return user


def on_notification_added(event):
    """Send the notice's mail now (working hours), queue it (outside them) or skip it."""
    n = event.notification
    if not event.mail:
        return
    registry = event.registry
    if not mail_enabled(registry):
        log.info("mail to %s skipped: mail is off (%s)", event.userid, n.kind)
        return
    user = _mailable_user(event.site, event.userid, n.kind, registry)
    if user is None:
        return
    if in_working_hours(event.site, event.now):
        _transactional_mailer(event.site, registry).send(compose(user, n.title, n.url, registry))
    else:
        get_store(event.site).queue_mail(QueuedMail(event.userid, n.kind, n.title, n.url, event.now))


def send_queued(site, registry, now):
    """Send every queued mail if ``now`` is in working hours; return how many were sent.

    Each sent (or no longer wanted) mail leaves the outbox in the same transaction, so an
    aborted sweep neither sends nor loses anything.
    """
    store = get_store(site)
    if store is None or not store.outbox or not mail_enabled(registry):
        return 0
    if not in_working_hours(site, now):
        return 0
    mailer = _transactional_mailer(site, registry)
    sent = 0
    for key in list(store.outbox.keys()):
        queued = store.outbox.pop(key)
        user = _mailable_user(site, queued.userid, queued.kind, registry)
        if user is not None:
            mailer.send(compose(user, queued.title, queued.url, registry))
            sent += 1
    return sent
