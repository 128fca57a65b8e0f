"""Publishing a case's progress (谁初次办理、谁负责公开) and keeping its projection current.

Contract:

- ``refusal(request, case)`` is None when the user may publish or withdraw ``case``, else the
  Chinese reason: they need ``publish_case`` on the case *and* on its registering unit (the
  unit that first handled it; a unit that merely received the case by assignment holds roles
  on the case only, so it cannot publish), and a case that can never be public is refused.
- ``publishable(case)`` is None or the Chinese reason a case can never be public: marked
  不宜公开, or a whistle-blowing case (``is_whistleblowing``: 举报, whether or not it names the
  reported unit or persons) — those are never published, whatever the path: ``refusal``,
  ``publish`` and ``refresh`` all ask it, and ``refresh`` withdraws one that became so.
- ``publish`` stores the projection (``projection.build_projection``), remembers the released
  summary, appends a ``publish`` entry to the case's workflow history and to the store's log.
  ``withdraw`` removes the projection and logs likewise (``withdraw``).
- Nothing that still identifies a person on the case is published: ``projection_leaks``
  looks for every name part and number fragment left in the projection's texts
  (``redaction.leaks``); ``publish`` raises :class:`IdentityLeak` (a ``ValueError`` whose text
  tells the editor what and where) instead of storing it.
- ``refresh(case)`` rebuilds a published case's projection (re-redacting everything) or
  withdraws it if the case can no longer be published (``publishable``) or its projection
  would now leak; the subscribers call it after every transition and every modification of
  a published case.
"""

from pyramid.traversal import find_resource, resource_path

from portal import clock
from portal.security.permissions import PUBLISH_CASE
from portal.workflow.history import HistoryEntry

from .projection import build_projection, public_key
from .redaction import leaks
from .store import LogEntry, get_store

UNSUITABLE = "该事项已标记为“不宜公开”，不能公开"
WHISTLEBLOWING = "举报类信访事项一律不公开"
NOT_FIRST_HANDLER = "只有初次办理该事项的单位（登记单位）可以公开或撤回"


def _root(obj):
    while obj.__parent__ is not None:
        obj = obj.__parent__
    return obj


class IdentityLeak(ValueError):
    """The projection still holds identity; ``leaks`` says what and where."""

    def __init__(self, found):
        self.leaks = tuple(found)
        super().__init__(
            "公开内容中仍含有信访人身份信息，未予公开：" + "；".join(map(str, found)) + "。请修改后再公开。"
        )


def projection_leaks(case, projection):
    """[redaction.Leak] still in ``projection``'s texts (empty when it is clean)."""
    people = case.identity.people() if case.identity is not None else ()
    fields = [("事由", projection.subject), ("答复摘要", projection.reply_summary)]
    fields += [(f"办理过程（{entry.label}）", entry.detail) for entry in projection.timeline]
    return leaks(fields, people)


def is_whistleblowing(case):
    """A 举报 case: marked at registration, or naming a reported unit or reported persons."""
    return bool(
        getattr(case, "is_report", False)
        or getattr(case, "reported_unit", None)
        or getattr(case, "reported_userids", ())
    )


def publishable(case):
    """None, or why ``case`` can never be published (see the module docstring)."""
    if is_whistleblowing(case):
        return WHISTLEBLOWING
    if case.unsuitable_for_publication:
        return UNSUITABLE
    return None


def refusal(request, case):
    if not request.has_permission(PUBLISH_CASE, case):
        return NOT_FIRST_HANDLER
    try:
        unit = find_resource(_root(case), case.registering_unit)
    except KeyError:
        return NOT_FIRST_HANDLER
    if not request.has_permission(PUBLISH_CASE, unit):
        return NOT_FIRST_HANDLER
    return publishable(case)


def is_published(case):
    store = get_store(_root(case))
    return resource_path(case) in store.case_keys


def stored_summary(case):
    return get_store(_root(case)).summaries.get(resource_path(case))


def preview(case, summary=None):
    """What the public would see if ``case`` were published now (with ``summary`` if given)."""
    return build_projection(case, stored_summary(case) if summary is None else summary)


def _history(case, actor, action, title, comment, when):
    case.workflow_history.append(
        HistoryEntry(
            actor=actor,
            when=when,
            transition=action,
            transition_title=title,
            comment=comment,
            from_state=case.workflow_state,
            to_state=case.workflow_state,
        )
    )


def publish(case, actor, summary=None, when=None):
    """Publish (or republish) ``case``; returns the stored projection. Caller checks ``refusal``;
    a case that can never be public raises ``ValueError`` here whoever calls, and a projection
    that would still identify someone raises :class:`IdentityLeak`; either changes nothing."""
    reason = publishable(case)
    if reason:
        raise ValueError(reason)
    when = when or clock.now()
    store = get_store(_root(case))
    path = resource_path(case)
    if summary is not None:
        summary = summary.strip() or None
    else:
        summary = store.summaries.get(path)
    projection = build_projection(case, summary)
    found = projection_leaks(case, projection)
    if found:
        raise IdentityLeak(found)
    if summary:
        store.summaries[path] = summary
    else:
        store.summaries.pop(path, None)
    again = path in store.case_keys
    store.put_projection(projection)
    store.case_keys[path] = projection.key
    title = "更新公开内容" if again else "公开办理进度"
    _history(case, actor, "publish", title, "", when)
    store.record(LogEntry(when, actor, "publish", path, case.number, title))
    return projection


def withdraw(case, actor, reason="", when=None, action="withdraw"):
    """Remove ``case``'s projection; returns False if it was not published."""
    when = when or clock.now()
    store = get_store(_root(case))
    path = resource_path(case)
    key = store.case_keys.pop(path, None)
    if key is None:
        return False
    store.drop_projection(key)
    _history(case, actor, "withdraw", "撤回公开", reason, when)
    store.record(LogEntry(when, actor, action, path, case.number, reason))
    return True


def refresh(case):
    """Rebuild the projection of a published case; withdraw it if now unsuitable."""
    store = get_store(_root(case))
    path = resource_path(case)
    key = store.case_keys.get(path)
    if key is None:
        return None
    reason = publishable(case)
    if reason:
        withdraw(case, "system", f"{reason}，自动撤回", action="auto_withdraw")
        return None
    projection = build_projection(case, store.summaries.get(path))
    if projection_leaks(case, projection):
        withdraw(case, "system", "公开内容中含有信访人身份信息，自动撤回", action="auto_withdraw")
        return None
    if key != projection.key:  # the case moved: re-key
        store.drop_projection(key)
        store.case_keys[path] = projection.key
    store.put_projection(projection)
    return projection


def _is_case(obj):
    return getattr(obj, "type_name", None) == "case" and getattr(obj, "__parent__", None) is not None


def on_transition(event):
    """AfterTransition: refresh the projection of a published case."""
    if _is_case(event.object) and getattr(_root(event.object), "public_area", None) is not None:
        refresh(event.object)


def on_modified(event):
    """ObjectModified of a case (an extension, 不宜公开 set later ...): refresh likewise."""
    obj = event.object
    if _is_case(obj) and getattr(_root(obj), "public_area", None) is not None:
        refresh(obj)


__all__ = [
    "refusal",
    "publishable",
    "is_whistleblowing",
    "projection_leaks",
    "IdentityLeak",
    "is_published",
    "preview",
    "publish",
    "withdraw",
    "refresh",
    "public_key",
    "on_transition",
    "on_modified",
]
