"""Petition meetings (第五章第三节) and the monthly summary the boards read.

Contract:

* A meeting is a 信访会议记录 document on the unit; the duties' own form fills its host,
  recorder and attendees from people picked in the unit's directory (``doc.picked_people`` keeps
  their userids) and its recordings go in as the document's attachments.
* ``site.duties.meeting_months[(month, unit docid)]`` is a :class:`MeetingMonth`: the latest
  version of every meeting document of the unit held that month, with its kind. A subscriber
  rewrites it whenever a meeting document is added, changed or corrected, however it was
  filled (this page or the generic document form), so the boards never walk a unit.
"""

from typing import NamedTuple

from pyramid.traversal import find_root

from portal.documents.resource import Document
from portal.resources.events import ObjectAdded, ObjectModified, ObjectWillBeRemoved
from schemas.vocabularies import MEETING_KINDS

from .dates import month_key
from .scope import duty_unit_of
from .store import get_store

CODE = "meeting_minutes"
KIND_TITLES = dict(MEETING_KINDS)


class MeetingMonth(NamedTuple):
    docs: tuple = ()  # ((document name, meeting kind), ...) in name order

    @property
    def group_meetings(self):
        return tuple(name for name, kind in self.docs if kind == "leading_group")

    def count(self, kind=None):
        return sum(1 for _n, k in self.docs if kind is None or k == kind)


def month_row(site, unit, month):
    return get_store(site).meeting_months.get((month, unit.__docid__))


def _held_key(doc, unit):
    held = doc.appstruct.get("held_on")
    if doc.superseded_by is not None or held is None or unit is None:
        return None
    return (month_key(held), unit.__docid__)


def _put(store, key, name, kind):
    row = store.meeting_months.get(key) or MeetingMonth()
    docs = tuple(sorted([d for d in row.docs if d[0] != name] + ([(name, kind)] if kind else [])))
    if docs:
        if docs != row.docs:
            store.meeting_months[key] = MeetingMonth(docs)
    elif key in store.meeting_months:
        del store.meeting_months[key]


def refresh(doc, removed=False):
    """Rewrite the summary rows ``doc`` belongs (and belonged) to."""
    if not isinstance(doc, Document) or doc.code != CODE or doc.__parent__ is None:
        return
    site = find_root(doc)
    if getattr(site, "duties", None) is None or getattr(doc.__parent__, "__docid__", None) is None:
        return
    store = get_store(site)
    unit = duty_unit_of(doc.__parent__)
    new = None if removed else _held_key(doc, unit)
    old = getattr(doc, "summarised_as", None)
    if old is not None and old != new:
        _put(store, old, doc.__name__, None)
    if new is not None:
        _put(store, new, doc.__name__, doc.appstruct.get("meeting_kind"))
    if getattr(doc, "summarised_as", None) != new:
        doc.summarised_as = new


def on_added(event):
    refresh(event.object)


def on_modified(event):
    refresh(event.object)


def on_removed(event):
    refresh(event.object, removed=True)


def meetings_of(site, unit, year=None):
    """The unit's meeting documents (latest versions), newest first, of ``year`` if given."""
    from .records import unit_documents

    docs = unit_documents(site, unit, CODE)
    if year is not None:
        docs = [d for d in docs if d.appstruct.get("held_on") and d.appstruct["held_on"].year == year]
    docs.sort(key=lambda d: (d.appstruct.get("held_on"), d.__name__), reverse=True)
    return docs


def includeme(config):
    config.add_subscriber(on_added, ObjectAdded)
    config.add_subscriber(on_modified, ObjectModified)
    config.add_subscriber(on_removed, ObjectWillBeRemoved)
