"""Training of petition staff (第五章第五节): yearly plans, registers, coverage.

Contract:

* A bureau's yearly plan is a 信访业务培训计划 document on the bureau (the generic form);
  ``site.duties.plans[(year, docid)]`` names the latest one, kept by a subscriber.
* Any unit's own petition staff file a training they organised (:func:`file_training`):
  course, dates, hours, content and the trainees picked from the petition staff of the unit
  and of the units below it. For each trainee a 信访业务培训登记表 is stored **on the
  trainee's home unit** (反馈原单位, marked fed back that day) and that unit's petition staff
  are notified; ``site.duties.trained[(year, userid)]`` lists the sessions attended.
* :func:`coverage` -- a unit's petition staff this year: who has been trained, who not
  (每1年轮训一遍). The boards and the annual assessment read it.
"""

import secrets
from dataclasses import dataclass

from persistent import Persistent
from pyramid.traversal import find_root, resource_path

from portal.documents.api import add_document
from portal.documents.resource import Document
from portal.i18n import _
from portal.resources.events import ObjectAdded, ObjectModified

from . import notices, people
from .dates import now, today
from .scope import duty_unit_of, units_below
from .store import get_store

RECORD = "training_record"
PLAN = "training_plan"


class TrainingError(ValueError):
    """A refused filing; ``str()`` is the Chinese reason."""


@dataclass(frozen=True)
class Trainee:
    userid: str
    name: str
    unit_path: str
    unit_title: str
    record: str  # path of the 信访业务培训登记表 on the home unit


class TrainingSession(Persistent):
    def __init__(self, unit, values, trainees, actor, when):
        self.id = f"{values['start_on']:%Y%m%d}-{secrets.token_hex(4)}"
        self.organiser_docid = unit.__docid__
        self.organiser_path = resource_path(unit) or "/"
        self.organiser_title = unit.title
        self.course = values["course"]
        self.start_on, self.end_on = values["start_on"], values["end_on"]
        self.hours = values["hours"]
        self.content = values["content"]
        self.result = values.get("result") or "not_assessed"
        self.trainees = tuple(trainees)
        self.filed_by, self.filed_at = actor, when

    @property
    def year(self):
        return self.end_on.year


def trainee_pool(unit):
    """[(userid, name, unit title)] of the petition staff a unit may register as trained:
    its own and those of the units below it."""
    site = find_root(unit)
    out, seen = [], set()
    for node in [unit] + units_below(site, unit):
        for userid in people.petition_staff(node):
            if userid not in seen:
                seen.add(userid)
                out.append((userid, people.user_title(site, userid), node.title))
    return out


def file_training(unit, values, trainee_ids, actor, registry=None, when=None):
    """Store the session, a record on each trainee's home unit, notify those units."""
    when = when or now()
    site = find_root(unit)
    allowed = {u: (n, t) for u, n, t in trainee_pool(unit)}
    trainee_ids = list(dict.fromkeys(trainee_ids))
    if not trainee_ids:
        raise TrainingError("请选择参训人员")
    if any(u not in allowed for u in trainee_ids):
        raise TrainingError("参训人员须从本单位及下级单位信访工作人员中选择")
    if values["end_on"] < values["start_on"]:
        raise TrainingError("结束日期不得早于开始日期")
    store = get_store(site)
    trainees, by_home = [], {}
    for userid in trainee_ids:
        home = people.home_unit(site, userid) or unit
        record = add_document(
            home,
            RECORD,
            {
                "trainee_name": allowed[userid][0],
                "trainee_unit": home.title,
                "trainee_post": _post(home, userid),
                "course": values["course"],
                "organiser": unit.title,
                "start_on": values["start_on"],
                "end_on": values["end_on"],
                "hours": values["hours"],
                "content": values["content"],
                "result": values.get("result") or "not_assessed",
                "fed_back": True,
                "fed_back_on": today(),
            },
            actor,
            registry=registry,
            when=when,
        )
        record.trainee = userid
        trainees.append(
            Trainee(userid, allowed[userid][0], resource_path(home) or "/", home.title, resource_path(record))
        )
        by_home.setdefault(home, []).append((allowed[userid][0], record))
    session = TrainingSession(unit, values, trainees, actor, when)
    while session.id in store.sessions:
        session.id = f"{values['start_on']:%Y%m%d}-{secrets.token_hex(4)}"
    store.sessions[session.id] = session
    for userid in trainee_ids:
        key = (session.year, userid)
        store.trained[key] = store.trained.get(key, ()) + (session.id,)
    for record_doc in (r for pairs in by_home.values() for _n, r in pairs):
        record_doc.training_session = session.id
    for home, pairs in by_home.items():
        names = "、".join(n for n, _r in pairs)
        notices.send(
            site,
            people.keepers(home),
            notices.TRAINING,
            _("培训情况反馈：${course}（${unit}）", mapping={"course": values["course"], "unit": home.title}),
            _(
                "${unit}举办的培训已登记，参训人员：${names}，已记入本单位培训登记。",
                mapping={"unit": unit.title, "names": names},
            ),
            notices.url_of(home, "training", year=session.year),
            registry,
            when,
        )
    return session


def _post(home, userid):
    from portal.security.localroles import local_roles
    from portal.security.principals import user_principal

    roles = set()
    for node in people.staff_nodes(home):
        roles.update(local_roles(node).get(user_principal(userid), ()))
    for role in people.STAFF_ROLES + people.LEADER_ROLES:
        if role in roles:
            return people.role_title(role)
    return ""


def sessions_of(site, unit, year=None):
    """Sessions the unit organised, newest first."""
    found = [
        s
        for s in get_store(site).sessions.values()
        if s.organiser_docid == unit.__docid__ and (year is None or s.year == year)
    ]
    return sorted(found, key=lambda s: (s.start_on, s.id), reverse=True)


def sessions_attended(site, userid, year):
    store = get_store(site)
    return [store.sessions[s] for s in store.trained.get((year, userid), ()) if s in store.sessions]


@dataclass(frozen=True)
class Coverage:
    trained: tuple  # ((userid, name), ...)
    untrained: tuple

    @property
    def total(self):
        return len(self.trained) + len(self.untrained)

    @property
    def complete(self):
        return self.total > 0 and not self.untrained


def coverage(site, unit, year):
    """Who of ``unit``'s petition staff has been trained in ``year``, and who not."""
    store = get_store(site)
    trained, untrained = [], []
    for userid in people.petition_staff(unit):
        pair = (userid, people.user_title(site, userid))
        (trained if store.trained.get((year, userid)) else untrained).append(pair)
    return Coverage(tuple(trained), tuple(untrained))


def plan_of(site, unit, year):
    """The latest training plan document of ``unit`` for ``year`` (or None)."""
    from .records import current_version

    name = get_store(site).plans.get((year, unit.__docid__))
    return current_version(unit, name) if name else None


def on_plan_changed(event):
    doc = event.object
    if not isinstance(doc, Document) or doc.code != PLAN or doc.__parent__ is None:
        return
    site = find_root(doc)
    unit = duty_unit_of(doc.__parent__)
    year = doc.appstruct.get("year")
    if getattr(site, "duties", None) is None or unit is None or not year or doc.superseded_by is not None:
        return
    plans = get_store(site).plans
    if plans.get((year, unit.__docid__)) != doc.__name__:
        plans[(year, unit.__docid__)] = doc.__name__


def includeme(config):
    config.add_subscriber(on_plan_changed, ObjectAdded)
    config.add_subscriber(on_plan_changed, ObjectModified)
