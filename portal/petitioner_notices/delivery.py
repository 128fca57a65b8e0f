"""Sending what is due: the sweep's delivery task (``deliver=True``: it commits on its own).

``deliver(site, registry, now)`` returns how many messages it handed to a gateway. It:

1. records the delivery receipts the SMS gateway has (``submitted`` -> ``delivered``, or a
   failed attempt);
2. outside the sending hours does nothing more; inside them takes every queued message whose
   ``not_before`` has come, oldest first, at most ``max_per_run`` and one per addressee and
   run (the provider refuses a second message to one number within 30 seconds), and for each:
   *claims* it (status ``sending``, committed), sends it (SMS gateway or mail), *records* the
   outcome (committed). A conflict while claiming skips the message; a crash between claim and
   record leaves it ``sending``, and a claim older than ``STALE`` is tried again.
3. A failed attempt is retried by later sweeps (after 30 minutes, then 2 hours) until
   ``MAX_ATTEMPTS``; then the message is ``failed``: the case shows it and the registering
   unit's petition staff are notified to give the notice in writing. A rate limit defers the
   message without counting an attempt.

Without a gateway (no ``sms.provider``) text messages stay queued in the outbox and are
written to the log once; mail goes when ``mail.host`` is set, else it is treated the same way.
"""

import logging
from datetime import timedelta

from pyramid.traversal import find_resource
from ZODB.POSException import ConflictError

from portal.i18n import _
from portal.notifications.hours import in_window
from portal.notifications.kinds import Kind
from portal.security.roles import role_ids

from .gateway import SendResult, get_gateway
from .queueing import mobile_of, sending_hours
from .store import MAX_ATTEMPTS, Attempt, get_store

log = logging.getLogger(__name__)
STALE = timedelta(minutes=10)
BACKOFF = (timedelta(minutes=30), timedelta(hours=2))
FAILED_KIND = Kind("petitioner_notice_failed", _("告知信访人失败"))


def _case(site, path):
    try:
        return find_resource(site, path)
    except KeyError:
        return None


def _send(site, registry, message):
    """One attempt on a configured channel: a ``SendResult``."""
    case = _case(site, message.case_path)
    if case is None:
        return SendResult(False, code="NoCase", message=_("信访事项已不存在"), retry=False)
    person = case.identity.petitioner
    from .messages import NOTICE_BY_STEP, templates

    by_code = {t.code: t for t in templates()}
    template = by_code[message.template]
    if message.channel == "sms":
        gateway = get_gateway(registry)
        phone = mobile_of(person)
        if not phone:
            return SendResult(False, code="NoMobile", message=_("案件已无手机号码"), retry=False)
        return gateway.send(
            phone, template.code, [message.params[p] for p in template.params], str(message.id)
        )
    from .mailing import send_mail

    if not person.get("email"):
        return SendResult(False, code="NoAddress", message=_("案件已无电子邮箱"), retry=False)
    notice = NOTICE_BY_STEP.get(message.step)
    return send_mail(
        registry, person["email"], notice.title if notice else message.title, template.render(message.params)
    )


def _notify_failure(site, registry, message, now):
    from portal.notifications.centre import notify
    from portal.security.localroles import people_with

    case = _case(site, message.case_path)
    unit = _case(site, case.registering_unit) if case is not None else None
    staff = people_with(unit, role_ids("office")) if unit is not None else []
    if staff:
        notify(
            site,
            staff,
            FAILED_KIND.code,
            _(
                "信访事项 ${number}：${notice}${channel}未能送达，请书面告知信访人",
                mapping={"number": message.number, "notice": message.title, "channel": message.channel_title},
            ),
            url=message.case_path + "/@@petitioner-notices",
            registry=registry,
            now=now,
        )


def record(site, registry, store, message, result, now):
    """Write the outcome of one attempt on ``message``."""
    if result.ok:
        message.add_attempt(
            Attempt(now, "submitted", f"{result.code} {result.message}".strip(), result.serial)
        )
        if message.channel == "sms" and result.serial:
            message.status, message.serial = "submitted", result.serial
            store.by_serial[result.serial] = message.id
            if message.id in store.outbox:
                store.outbox.remove(message.id)
        else:
            store.settle(message, "delivered", now)
        return
    if result.deferred:
        message.add_attempt(Attempt(now, "deferred", f"{result.code} {result.message}".strip()))
        message.status, message.not_before = "queued", now + BACKOFF[0]
        return
    message.add_attempt(Attempt(now, "failed", f"{result.code} {result.message}".strip()))
    if result.retry and message.failures < MAX_ATTEMPTS:
        message.status = "queued"
        message.not_before = now + BACKOFF[min(message.failures, len(BACKOFF)) - 1]
        store.outbox.add(message.id)
        return
    store.settle(message, "failed", now, f"{message.channel_title}未能送达（{result.code}），请书面告知")
    _notify_failure(site, registry, message, now)


def take_receipts(site, registry, store, gateway, now):
    count = 0
    for receipt in gateway.receipts():
        message_id = store.by_serial.get(receipt.serial)
        message = store.messages.get(message_id) if message_id is not None else None
        if message is None or message.status != "submitted":
            continue
        if receipt.delivered:
            message.add_attempt(Attempt(now, "delivered", receipt.description, receipt.serial))
            store.settle(message, "delivered", receipt.at or now)
        else:
            record(
                site,
                registry,
                store,
                message,
                SendResult(False, code=receipt.code or "FAIL", message=receipt.description),
                now,
            )
        count += 1
    return count


def _due(store, now):
    out = []
    for message_id in list(store.outbox):
        message = store.messages.get(message_id)
        if message is None:
            continue
        if message.status == "sending" and message.claimed_at and now - message.claimed_at < STALE:
            continue
        if message.status in ("queued", "sending") and message.not_before <= now:
            out.append(message)
    out.sort(key=lambda m: (m.not_before, m.seq))
    return out


def channel_ready(registry, channel):
    if channel == "sms":
        return get_gateway(registry) is not None
    from portal.notifications.mail import mail_enabled

    return mail_enabled(registry)


def deliver(site, registry, now):
    store = get_store(site)
    if store is None:
        return 0
    manager = site._p_jar.transaction_manager
    gateway = get_gateway(registry)
    if gateway is not None:
        take_receipts(site, registry, store, gateway, now)
        manager.commit()
    start, end = sending_hours(registry)
    if not in_window(site, now, start, end, working_days_only=False):
        return 0
    limit = getattr(gateway, "max_per_run", 200)
    sent, seen = 0, set()
    for message in _due(store, now):
        if sent >= limit:
            break
        addressee = (message.case_path, message.channel)
        if addressee in seen:
            continue
        if not channel_ready(registry, message.channel):  # outbox and log only, written once
            if not getattr(message, "logged", False):
                message.logged = True
                log.info(
                    "petitioner notice %s (%s) to %s not sent: %s is not configured: %s",
                    message.id,
                    message.step,
                    message.masked_to,
                    message.channel,
                    message.text,
                )
                manager.commit()
            continue
        try:
            message.status, message.claimed_at = "sending", now
            manager.commit()
        except ConflictError:
            manager.abort()
            continue
        result = _send(site, registry, message)
        seen.add(addressee)
        record(site, registry, store, message, result, now)
        manager.commit()
        sent += 1
    return sent
