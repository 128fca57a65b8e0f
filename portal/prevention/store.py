"""What the prevention concern stores on the site: ``site.prevention`` (a :class:`PreventionStore`).

* ``backlog`` -- case docid -> :class:`BacklogEntry`: the owner and the plan the petition office
  recorded for a long-unresolved case (积案), kept until the case reaches a procedural end.

Decisions and their assessments are not here: they live in the tree, on the deciding unit.
"""

from BTrees.IOBTree import IOBTree
from persistent import Persistent


class BacklogEntry(Persistent):
    """The owner and plan of one long-unresolved case; ``log`` is append-only."""

    def __init__(self, case_path, unit_path, owner, plan, target_on, actor, when):
        self.case_path = case_path
        self.unit_path = unit_path
        self.owner = owner
        self.plan = plan
        self.target_on = target_on
        self.created = self.modified = when
        self.closed_at = None
        self.closed_state = None
        self.log = ((when, actor, "确定包案领导和化解方案"),)

    @property
    def is_open(self):
        return self.closed_at is None

    def update(self, owner, plan, target_on, actor, when):
        self.owner, self.plan, self.target_on = owner, plan, target_on
        self.modified = when
        self.log = self.log + ((when, actor, "调整包案领导或化解方案"),)

    def close(self, state, state_title, actor, when):
        self.closed_at = self.modified = when
        self.closed_state = state
        self.log = self.log + ((when, actor, f"程序终结：{state_title}"),)


class PreventionStore(Persistent):
    def __init__(self):
        self.backlog = IOBTree()


def install_store(site):
    if getattr(site, "prevention", None) is None:
        site.prevention = PreventionStore()
    return site.prevention


def get_store(site):
    store = getattr(site, "prevention", None)
    if store is None:
        raise RuntimeError("the site has no prevention store: run portal-evolve")
    return store
