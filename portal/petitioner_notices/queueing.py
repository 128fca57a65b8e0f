"""Queueing a notice when a step concerns the petitioner (subscribers; nothing is sent here).

* ``on_case_added`` (ObjectAdded of a case): the ``registered`` step.
* ``on_transition`` (AfterTransition of a case): the step named by the transition id, when
  ``messages.NOTICE_BY_STEP`` has it. It runs after the case concern's subscriber (this concern
  is included later), so the deadlines the step starts are there to be told.
* ``on_code_issued`` (``portal.public.events.QueryCodeIssued``): the plain code is held for
  the messages that carry it (``messages``); a registration message queued a moment earlier in
  the same transaction is given the code; a code staff reissue is sent on its own.

Each step is queued once (``store.done_steps``): one message per channel -- SMS to the
petitioner's mobile number, mail to their e-mail address when the case has one. A step that
cannot be sent (no mobile number or address, or the petitioner opted out) is recorded as
``withheld`` with the reason, so the office sees it must give the notice in writing. Messages
queued at night wait for the sending hours (``not_before``).
"""

import re
from datetime import time

from pyramid.traversal import resource_path

from portal.cases.masking import mask_email, mask_phone
from portal.notifications.hours import next_window_start

from .messages import NOTICE_BY_STEP, REISSUED
from .store import Message, get_store

MOBILE = re.compile(r"^1[3-9]\d{9}$")
MASKED_CODE = "****-****-****"
HOURS_SETTING = "petitioner_notices.hours"
DEFAULT_HOURS = (time(8, 0), time(21, 0))
CODE_STEPS = ("registered", "accept", "decline", "forward")  # the held code ends with these


def sending_hours(registry):
    """(start, end) of the daily sending window, ``petitioner_notices.hours = 08:00-21:00``."""
    text = ((getattr(registry, "settings", None) or {}).get(HOURS_SETTING) or "").strip()
    if not text:
        return DEFAULT_HOURS
    start, _sep, end = text.partition("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def send_after(site, registry, now):
    start, end = sending_hours(registry)
    return next_window_start(site, now, start, end, working_days_only=False)


def mobile_of(person):
    digits = "".join(c for c in (person.get("phone") or "") if c.isdigit())
    return digits if MOBILE.match(digits) else ""


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else "法定期限内"


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def _document_value(case, code, field, limit):
    from portal.documents.api import latest_versions

    docs = latest_versions(case, code)
    value = (docs[0].appstruct.get(field) or "").strip() if docs else ""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def params_for(case, notice):
    """The values a step's templates may use (all of them; each template takes its own)."""
    deadline = case.deadlines.get(notice.deadline) if notice.deadline else None
    if notice.step == "accept" and deadline is None:
        deadline = case.deadlines.get("urgent_case")
    mark = "（暂定）" if deadline is not None and deadline.provisional else ""
    return {
        "number": case.number,
        "deadline": chinese_date(deadline.due.due_date if deadline is not None else None) + mark,
        "phone": _document_value(case, "acceptance_notice", "contact_phone", 20) or "见受理告知单",
        "reason": _document_value(case, "decline_notice", "reason", 40) or "见不予受理告知单",
        "body": _document_value(case, "forward_notice", "forwarded_to", 30) or "有权处理的机关",
        "code": "",
    }


def queue(site, registry, case, step, title, template, params, now, key):
    """Queue ``template`` for ``case`` on every channel the petitioner has (once per ``key``)."""
    store = get_store(site)
    path = resource_path(case)
    if store is None or (path, key) in store.done_steps:
        return []
    store.done_steps[(path, key)] = now
    person = case.identity.petitioner
    text = template.render(dict(params, code=MASKED_CODE))
    channels = []
    mobile = mobile_of(person)
    if mobile:
        channels.append(("sms", mask_phone(mobile)))
    if person.get("email"):
        channels.append(("mail", mask_email(person["email"])))
    reason = ""
    if path in store.optout:
        reason = "信访人已选择不接收短信和邮件通知，请书面告知"
    elif not channels:
        reason = "案件未登记手机号码或电子邮箱，请书面告知"
        channels = [("sms", mask_phone(person.get("phone") or "") or "无")]
    made = []
    for channel, masked_to in channels:
        message = Message(
            store.new_id(now),
            path,
            case.number,
            step,
            title,
            channel,
            template.code,
            params,
            text,
            masked_to,
            now,
            send_after(site, registry, now),
            status="withheld" if reason else "queued",
            reason=reason,
        )
        if reason:
            message.params = dict(message.params, code="")
        made.append(store.add(message))
    return made


def queue_step(site, registry, case, step, now, key):
    notice = NOTICE_BY_STEP.get(step)
    store = get_store(site)
    if notice is None or store is None:
        return []
    path = resource_path(case)
    params = params_for(case, notice)
    template = notice.template
    held = store.held_codes.get(path)
    if held is not None and notice.code_template is not None:
        template = notice.code_template
        params["code"] = held[0]
    if step in CODE_STEPS and step != "registered":
        store.held_codes.pop(path, None)
    return queue(site, registry, case, step, notice.title, template, params, now, key)


def on_case_added(event):
    case = event.object
    if getattr(case, "type_name", None) != "case":
        return
    from pyramid.threadlocal import get_current_registry

    from portal import clock

    site = _root(event.parent)
    queue_step(site, get_current_registry(), case, "registered", clock.now(), "registered")


def on_transition(event):
    case = event.object
    if getattr(case, "type_name", None) != "case" or event.transition.id not in NOTICE_BY_STEP:
        return
    from pyramid.threadlocal import get_current_registry

    registry = getattr(event.request, "registry", None) or get_current_registry()
    queue_step(
        _root(case),
        registry,
        case,
        event.transition.id,
        event.when,
        f"{event.transition.id}:{event.when.isoformat()}",
    )


def on_code_issued(event):
    from pyramid.threadlocal import get_current_registry
    from pyramid.traversal import find_resource

    site, path = event.site, event.case_path
    store = get_store(site)
    if store is None:
        return
    from portal.public.querycodes import display

    code = display(event.code)
    case = find_resource(site, path)
    registry = get_current_registry()
    if event.reason == "reissue":
        params = {"number": case.number, "code": code}
        queue(
            site,
            registry,
            case,
            "code_reissued",
            "查询码重新生成告知",
            REISSUED,
            params,
            event.when,
            f"code_reissued:{event.when.isoformat()}",
        )
        return
    upgraded = False
    for message in store.of_case(path):
        notice = NOTICE_BY_STEP.get(message.step)
        if (
            message.status == "queued"
            and not message.attempts
            and notice is not None
            and notice.code_template is not None
            and message.template == notice.template.code
        ):
            message.template = notice.code_template.code
            message.params = dict(message.params, code=code)
            message.text = notice.code_template.render(dict(message.params, code=MASKED_CODE))
            upgraded = message.step
    decided = any(m.step in CODE_STEPS[1:] for m in store.of_case(path))
    if upgraded != "accept" and not decided:
        store.held_codes[path] = (code, event.when)  # the acceptance message carries it too
