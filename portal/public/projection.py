"""The redacted projection of a case: the only form in which a case reaches the public.

``build_projection(case, summary=None)`` reads a case and returns a :class:`Projection`:
immutable plain data (strings, dates, tuples) with no reference to the case, its identity or
any persistent object. Every free text in it has gone through ``redaction.redact`` with the
case's people; unit names are unit titles; the timeline uses the public labels of
:data:`PUBLIC_STEPS` (internal steps — supervision, reminders, ownership, publication, staff
comments — never appear). The same function serves the staff preview, the stored projection
and the petitioner's own view, so all three show the same thing.
"""

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from portal import clock
from portal.i18n import plain

from .redaction import redact

SUMMARY_LIMIT = 1500

#: transition id (None = registration) -> public label
PUBLIC_STEPS = {
    None: "信访事项已登记",
    "accept": "已受理",
    "decline": "不予受理（已书面告知信访人）",
    "forward": "已转送有权处理机关",
    "instruct": "领导已阅批",
    "assign": "已交办承办单位",
    "return_case": "承办单位退回，重新交办",
    "return_case_up": "承办单位退回，重新交办",
    "withdraw": "交办单位收回，重新交办",
    "withdraw_down": "交办单位收回，重新办理",
    "start_handling": "承办单位开始办理",
    "submit_opinion": "承办单位已提出处理意见",
    "approve_opinion": "处理意见已审核",
    "reject_opinion": "处理意见退回重新办理",
    "conclude": "已办结",
    "reply": "已书面答复信访人",
    "rate": "信访人已作出满意度评价",
    "request_review": "已受理复查申请",
    "answer_review": "已出具复查意见",
    "request_rereview": "已受理复核申请",
    "answer_rereview": "已出具复核意见",
    "archive": "已归档",
}

#: workflow state -> what a citizen reads as the current status
PUBLIC_STATUS = {
    "registered": "已登记，待受理",
    "accepted": "已受理",
    "instructed": "已受理",
    "assigned": "办理中",
    "handling": "办理中",
    "opinion_submitted": "办理中",
    "opinion_approved": "办理中",
    "concluded": "已办结",
    "replied": "已答复",
    "rated": "已答复",
    "under_review": "复查中",
    "reviewed": "复查已答复",
    "under_rereview": "复核中",
    "rereviewed": "复核已答复",
    "declined": "不予受理",
    "forwarded": "已转送",
    "archived": "已办结",
}

SATISFACTION_TITLES = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}

_ASSIGNED_TO = re.compile(r"^(?:交办|转办|改派)给(.+)$")


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Projection:
    """What the public sees of one case: plain values only (``str``, dates, tuples), in
    Chinese (the public area always speaks it), so it is stored without a ``TranslationString``."""

    key: str
    number: str
    subject: str
    channel_title: str
    received_on: date | None
    registering_unit: str
    responsible_unit: str
    status: str
    timeline: tuple = ()
    reply_summary: str = ""
    built_at: datetime | None = None


def public_key(case_path):
    """``/zhongyuan/c2026-0001`` -> ``zhongyuan.c2026-0001`` (ASCII, stable, no slash)."""
    return case_path.strip("/").replace("/", ".")


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


def _unit_title(root, path):
    if not path:
        return ""
    from pyramid.traversal import find_resource

    try:
        return find_resource(root, path).title
    except KeyError:
        return ""


def latest_document(case, code):
    """The current version of the newest ``code`` document on ``case`` (or None)."""
    from portal.documents.api import latest_versions

    docs = latest_versions(case, code)
    return docs[0] if docs else None


def reply_text(case):
    """The content of the latest reply document, preferring one addressed to the petitioner."""
    from portal.documents.api import latest_versions

    docs = latest_versions(case, "reply")
    for doc in docs:
        if doc.appstruct.get("addressee_kind") == "petitioner":
            return doc.appstruct.get("content") or ""
    return docs[0].appstruct.get("content") or "" if docs else ""


def build_projection(case, summary=None):
    """The :class:`Projection` of ``case`` now (see the module docstring).

    ``summary`` is the reply summary staff released; when None, the latest reply's content is
    used once the case has been replied to.
    """
    from pyramid.traversal import resource_path

    people = case.identity.people() if case.identity is not None else ()
    root = _root(case)
    path = resource_path(case)
    responsible = _unit_title(root, case.responsible_unit)

    entries = []
    replied = False
    for entry in case.workflow_history:
        if entry.transition not in PUBLIC_STEPS:
            continue
        detail = ""
        if entry.transition == "assign":
            match = _ASSIGNED_TO.match(entry.comment or "")
            detail = "承办单位：" + (match.group(1) if match else responsible)
        elif entry.transition == "rate":
            doc = latest_document(case, "satisfaction_rating")
            if doc is not None:
                title = SATISFACTION_TITLES.get(doc.appstruct.get("rating"), "")
                detail = f"评价结果：{title}" if title else ""
        elif entry.transition == "reply":
            replied = True
        entries.append(
            TimelineEntry(clock.as_date(entry.when), PUBLIC_STEPS[entry.transition], redact(detail, people))
        )
    for deadline in case.deadlines.values():
        for log in deadline.log:
            if log.action == "extended" and deadline.extension is not None:
                ext = deadline.extension
                entries.append(
                    TimelineEntry(
                        clock.as_date(log.at),
                        "办理期限延长",
                        redact(f"经批准延期{ext.days}日，理由：{ext.reason}", people),
                    )
                )
    entries.sort(key=lambda e: e.on)  # stable: same-day entries keep their order

    if summary is None:
        summary = reply_text(case) if replied else ""
    summary = redact(summary.strip(), people)
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[:SUMMARY_LIMIT] + "……"
    return Projection(
        key=public_key(path),
        number=case.number,
        subject=redact(case.subject, people),
        channel_title=plain(case.channel_title),
        received_on=case.received_on,
        registering_unit=_unit_title(root, case.registering_unit),
        responsible_unit=responsible,
        status=PUBLIC_STATUS.get(case.workflow_state, "办理中"),
        timeline=tuple(entries),
        reply_summary=summary,
        built_at=clock.now(),
    )


def plain_projections(store):
    """Evolve only: the stored projections of ``store`` (a ``PublicStore``) with plain ``str``
    values (older ones kept ``channel_title`` as a marked title, a ``TranslationString``).
    Returns how many were rewritten."""
    count = 0
    for projection in list(store.projections.values()):
        texts = {
            f.name: plain(value)
            for f in fields(projection)
            if isinstance(value := getattr(projection, f.name), str) and type(value) is not str
        }
        if texts:
            store.put_projection(replace(projection, **texts))
            count += 1
    return count
