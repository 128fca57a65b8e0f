"""What escalation keeps on the site: ``site.escalations`` (an :class:`EscalationStore`).

* ``records``: (source, item key, level) -> :class:`Escalation`, every escalation ever raised:
  its presence is what makes the sweep escalate an item once per level.
* ``open``: the keys of the escalations still open (their item is still overdue), indexed by
  the unit they went to (``by_target``: unit path -> keys) and by the leader told
  (``by_leader``: userid -> keys), so a to-do reads only its own.
* ``closed``: key -> when the sweep found the item no longer overdue.
* ``since``: the day escalation was switched on (the store's creation). Items due before it
  are not escalated: arrears from before the portal ran are on the dashboards already, and
  the first sweep must not flood every unit above with them.

Every container is an OOBTree (sets are OOTreeSets), so sweeps and requests that touch
different keys do not conflict. Records are immutable; closing one never changes it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent

ATTRIBUTE = "escalations"


@dataclass(frozen=True)
class Escalation:
    source: str
    item_key: str
    level: int  # 1: the unit above; 2: one further up
    label: str  # what is late (no petitioner's identity)
    late_unit: str  # path
    late_unit_title: str
    due: date
    url: str
    target: str  # path of the unit it went to ("" when only a leader was told)
    target_title: str
    leader: str | None
    raised_at: datetime
    recipients: tuple

    @property
    def key(self):
        return (self.source, self.item_key, self.level)

    def days_late(self, today):
        return (today - self.due).days


class EscalationStore(Persistent):
    def __init__(self, since=None):
        self.since = since
        self.records = OOBTree()
        self.open = OOBTree()
        self.by_target = OOBTree()
        self.by_leader = OOBTree()
        self.closed = OOBTree()

    def raised(self, key):
        return key in self.records

    def add(self, escalation):
        key = escalation.key
        self.records[key] = escalation
        self.open[key] = escalation.target
        if escalation.target:
            _index(self.by_target, escalation.target, key)
        if escalation.leader and escalation.level == 1:
            _index(self.by_leader, escalation.leader, key)

    def close(self, key, when):
        escalation = self.records.get(key)
        if key not in self.open or escalation is None:
            return False
        del self.open[key]
        _unindex(self.by_target, escalation.target, key)
        if escalation.leader:
            _unindex(self.by_leader, escalation.leader, key)
        self.closed[key] = when
        return True

    def open_keys(self, source):
        """Keys of ``source``'s open escalations."""
        return list(self.open.keys(min=(source,), max=(source + "\0",), excludemax=True))

    def open_for_target(self, path):
        return [self.records[k] for k in self.by_target.get(path, ()) if k in self.open]

    def open_for_leader(self, userid):
        return [self.records[k] for k in self.by_leader.get(userid, ()) if k in self.open]


def _index(tree, name, key):
    keys = tree.get(name)
    if keys is None:
        keys = tree[name] = OOTreeSet()
    keys.add(key)


def _unindex(tree, name, key):
    keys = tree.get(name) if name else None
    if keys is not None and key in keys:
        keys.remove(key)


def get_store(site):
    return getattr(site, ATTRIBUTE, None)


def install_store(site, since=None):
    store = get_store(site)
    if store is None:
        if since is None:
            from portal import clock

            since = clock.today()
        store = EscalationStore(since)
        setattr(site, ATTRIBUTE, store)
    return store
