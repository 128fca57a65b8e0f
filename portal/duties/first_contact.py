"""First contact and first handling (首问负责, 第四章第四节; 第五章第二节 内部移交).

Contract:

* Every member of staff -- school liaisons and department handlers included -- records a first
  contact from their own to-do page (:func:`record`): a 首问登记表 on the unit where they
  hold their role, their own name and unit filled in by the portal, never typed.
* A matter outside their remit that they refer goes, in the same step, to the right unit as a
  hand-over (内部移交): a bureau (city or county) or one of its departments; the receiving
  bureau's petition staff (and the department's handlers) are notified and find it on their
  to-do until they take it up (:func:`take_up`), which registers it as a case of that bureau
  from the recorded values in one click.
* A hand-over not taken up within ``TAKE_UP_DAYS`` days is a failure: it shows on the petition
  office's first-contact ledger and climbs the tree (escalation source ``first_contact``).
* ``site.duties.first_contacts[(unit docid, id)]`` holds one :class:`Contact` per first contact
  (the ledger reads these rows; the document is the record). A 首问登记表 filled on the
  generic document form (petition officers may) gets its row too, by a subscriber.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from pyramid.traversal import find_resource, find_root, resource_path

from portal.documents.api import add_document
from portal.i18n import _
from portal.resources.order import in_tree_order
from portal.security.roles import role_ids

from . import notices, people
from .dates import now
from .scope import BUREAU_KINDS, OFFICE_KINDS, path_of
from .store import get_store

CODE = "first_contact"
TAKE_UP_DAYS = 5
HANDOVER = notices.Kind("first_contact_handover", _("首问移交"))


class ContactError(ValueError):
    """A refused action; ``str()`` is the Chinese reason."""


@dataclass(frozen=True)
class Contact:
    id: str
    unit_docid: int
    unit_path: str
    unit_title: str
    document: str
    staff: str
    staff_name: str
    contacted_on: date
    action: str
    within_remit: bool
    handed_to: str = ""  # path of the unit the matter was handed to
    handed_to_title: str = ""
    handed_at: datetime | None = None
    taken_by: str = ""
    taken_at: datetime | None = None
    case_path: str = ""
    case_number: str = ""

    @property
    def due(self):
        return self.handed_at.date() + timedelta(days=TAKE_UP_DAYS) if self.handed_at else None

    def status(self, day):
        if not self.handed_to:
            return "answered"
        if self.case_path:
            return "taken"
        return "overdue" if day > self.due else "handed"

    STATUS_TITLES = {
        "answered": _("首问已处理"),
        "handed": _("移交待受理"),
        "taken": _("移交已受理"),
        "overdue": _("移交逾期未受理"),
    }


def staff_units(request):
    """[(unit, roles)] where the user holds roles directly (the units they act for)."""
    from hypatia.query import Any, Eq

    from portal.reports.units import roles_on

    site = request.root
    principals = [p for p in request.user_principals if not p.startswith("system.")]
    cat = site.catalog
    query = Any(cat["local_principals"], principals) & Eq(cat["type_name"], "unit")
    units = [site.docmap.get(d) for d in query.execute().ids]
    units = in_tree_order(u for u in units if u is not None and u.active)
    return [(u, roles_on(u, principals)) for u in units]


def targets(site):
    """[(path, label)] of the units a matter may be handed to: the bureaus and their offices."""
    from hypatia.query import Any, Eq

    cat = site.catalog
    query = (
        Eq(cat["type_name"], "unit")
        & Eq(cat["state"], "active")
        & Any(cat["kind"], list(BUREAU_KINDS + OFFICE_KINDS))
    )
    out = []
    for unit in in_tree_order(u for u in (site.docmap.get(d) for d in query.execute().ids) if u):
        if unit.kind in OFFICE_KINDS and unit.__parent__.kind not in BUREAU_KINDS:
            continue
        label = unit.title if unit.kind in BUREAU_KINDS else f"{unit.__parent__.title} / {unit.title}"
        out.append((path_of(unit), label))
    return out


def receiving_bureau(unit):
    return unit if unit.kind in BUREAU_KINDS else unit.__parent__


def receivers(site, target):
    """Who takes a hand-over up: the receiving bureau's petition staff (and the handlers of a
    target department)."""
    from portal.escalation.tree import petition_staff
    from portal.security.localroles import people_with

    found = petition_staff(site, receiving_bureau(target))
    if target.kind in OFFICE_KINDS:
        found += people_with(target, role_ids("handler"))
    return sorted(set(found))


def record(unit, values, actor, hand_to=None, registry=None, when=None):
    """File the 首问登记表 on ``unit`` and, for a matter referred outside the remit, hand it
    over to ``hand_to`` (a unit path); returns the :class:`Contact`."""
    when = when or now()
    site = find_root(unit)
    values = dict(values, staff_name=people.user_title(site, actor), staff_department=unit.title)
    handed = None
    if hand_to:
        if values.get("within_remit"):
            raise ContactError(_("属于本部门职责范围的事项无需移交"))
        if hand_to not in dict(targets(site)):
            raise ContactError(_("请选择有效的承办单位"))
        handed = find_resource(site, hand_to)
        values["action"] = "referred"
        values["referred_department"] = dict(targets(site))[hand_to]
    doc = add_document(unit, CODE, values, actor, registry=registry, when=when)
    contact = contact_of(unit, doc, actor)
    if handed is not None:
        contact = replace(
            contact, handed_to=path_of(handed), handed_to_title=values["referred_department"], handed_at=when
        )
        notices.send(
            site,
            receivers(site, handed),
            HANDOVER,
            _(
                "首问移交：${unit}转来一件群众询问事项（${month}月${day}日）",
                mapping={
                    "unit": unit.title,
                    "month": f"{contact.contacted_on:%m}",
                    "day": f"{contact.contacted_on:%d}",
                },
            ),
            _("请在5日内受理；移交事项在“我的待办”中。"),
            "/@@first-contacts-received",
            registry,
            when,
        )
    store = get_store(site)
    store.first_contacts[(unit.__docid__, contact.id)] = contact
    if contact.handed_to:
        store.handovers_waiting[(contact.handed_to, unit.__docid__, contact.id)] = True
    return contact


def contact_of(unit, doc, staff):
    v = doc.appstruct
    return Contact(
        f"{unit.__docid__}-{doc.__name__}",
        unit.__docid__,
        path_of(unit),
        unit.title,
        doc.__name__,
        staff,
        v.get("staff_name") or "",
        v.get("contacted_on"),
        v.get("action") or "",
        bool(v.get("within_remit")),
    )


def on_added(event):
    """A 首问登记表 added to a unit however it was filled: its row for the ledger."""
    doc, unit = event.object, event.parent
    if getattr(doc, "code", None) != CODE or getattr(unit, "__docid__", None) is None:
        return
    site = find_root(unit)
    if getattr(site, "duties", None) is None or getattr(doc, "supersedes", None) is not None:
        return
    contact = contact_of(unit, doc, doc.author)
    get_store(site).first_contacts.setdefault((unit.__docid__, contact.id), contact)


def bureau_receiving(site, target_path):
    """The bureau that takes up what is handed to ``target_path``, or None when that unit is
    gone."""
    try:
        return receiving_bureau(find_resource(site, target_path))
    except KeyError:
        return None


def received_by(site, bureau):
    """Hand-overs whose receiving bureau is ``bureau`` (newest first)."""
    out = [
        c
        for c in get_store(site).first_contacts.values()
        if c.handed_to and bureau_receiving(site, c.handed_to) is bureau
    ]
    return sorted(out, key=lambda c: c.handed_at, reverse=True)


def in_subtree(site, bureau):
    """First contacts recorded in ``bureau``'s subtree, and those handed to it (newest first)."""
    path = path_of(bureau)
    prefix = "" if path == "/" else path
    found = {
        c.id: c
        for c in get_store(site).first_contacts.values()
        if path == "/" or c.unit_path == path or c.unit_path.startswith(prefix + "/")
    }
    found.update((c.id, c) for c in received_by(site, bureau))
    return sorted(found.values(), key=lambda c: (c.contacted_on, c.id), reverse=True)


def waiting_for(site, bureau):
    """Hand-overs to ``bureau`` (or to one of its departments) not yet taken up, oldest first,
    read through ``handovers_waiting``: the first contacts of the years before are not walked."""
    path = path_of(bureau)
    prefix = "" if path == "/" else path
    store = get_store(site)
    out = []
    for target_path, docid, contact_id in store.handovers_waiting.keys(
        min=(prefix,), max=(prefix + "\uffff",)
    ):
        contact = store.first_contacts.get((docid, contact_id))
        if contact is not None and not contact.case_path and bureau_receiving(site, target_path) is bureau:
            out.append(contact)
    return sorted(out, key=lambda c: c.handed_at)


def find(site, contact_id):
    """``(key, contact)`` of the first contact ``contact_id`` (``<unit docid>-<document>``),
    or ``(None, None)``."""
    docid, _sep, _name = (contact_id or "").partition("-")
    if docid.isdigit():
        key = (int(docid), contact_id)
        contact = get_store(site).first_contacts.get(key)
        return (key, contact) if contact is not None else (None, None)
    return None, None


def take_up(site, contact_id, actor, workflow, calendar, registry=None, when=None):
    """Register the handed-over matter as a case of the receiving bureau; returns the case."""
    from portal.cases.lifecycle import register_case

    when = when or now()
    key, contact = find(site, contact_id)
    if contact is None or not contact.handed_to:
        raise ContactError(_("没有这件移交事项"))
    if contact.case_path:
        raise ContactError(f"该移交事项已登记为信访事项 {contact.case_number}")
    bureau = receiving_bureau(find_resource(site, contact.handed_to))
    source = find_resource(site, contact.unit_path)[contact.document]
    v = source.appstruct
    matter = v.get("matter") or ""
    appstruct = {
        "channel": "visit",
        "received_on": contact.contacted_on,
        "handed_down_by": None,
        "handed_down_ref": None,
        "petitioner": {"name": v.get("visitor_name") or _("未留姓名"), "phone": v.get("visitor_phone")},
        "is_group": False,
        "headcount": 1,
        "representatives": [],
        "level_skipping": "none",
        "urgency": "normal",
        "subject": (matter.splitlines()[0][:60] if matter else _("首问移交事项")),
        "problem": matter,
        "demands": v.get("result") or matter,
        "remarks": f"首问移交：{contact.unit_title}（首问责任人：{contact.staff_name}），"
        f"移交{contact.handed_to_title}",
    }
    case = register_case(bureau, appstruct, actor, workflow, calendar, registry, when=when)
    store = get_store(site)
    store.first_contacts[key] = replace(
        contact, taken_by=actor, taken_at=when, case_path=resource_path(case), case_number=case.number
    )
    store.handovers_waiting.pop((contact.handed_to, *key), None)
    notices.send(
        site,
        [contact.staff],
        HANDOVER,
        _("首问移交已受理：信访事项 ${number}", mapping={"number": case.number}),
        _("${unit}已登记受理您移交的事项。", mapping={"unit": bureau.title}),
        "",
        registry,
        when,
    )
    return case


def find_overdue_handovers(site, today_):
    """Escalation source: hand-overs not taken up within ``TAKE_UP_DAYS`` days (the receiving
    bureau is late)."""
    from portal.escalation import OverdueItem

    if getattr(site, "duties", None) is None:
        return
    store = get_store(site)
    waiting = (store.first_contacts.get(key[1:]) for key in store.handovers_waiting.keys())
    for contact in waiting:
        if contact is not None and contact.handed_to and not contact.case_path and today_ > contact.due:
            bureau = bureau_receiving(site, contact.handed_to)
            if bureau is None:
                continue
            yield OverdueItem(
                key=f"{contact.unit_path}:{contact.id}",
                label=f"首问移交事项（{contact.unit_title}，{contact.contacted_on:%m月%d日}）",
                late_unit=path_of(bureau),
                due=contact.due,
                url=f"{path_of(bureau)}/@@first-contacts",
                period_days=30,
            )


def includeme(config):
    config.add_escalation_source("first_contact", _("首问移交"), find_overdue_handovers)


def subscribers(config):
    from portal.resources.events import ObjectAdded

    config.add_subscriber(on_added, ObjectAdded)
