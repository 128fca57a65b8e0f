"""What the duties concern keeps on the site: ``site.duties`` (a :class:`DutiesStore`).

Everything is keyed by the unit's catalog docid (stable across renames and moves), in OOBTrees,
so two units' records never conflict:

* ``groups[docid]`` -- the unit's :class:`~portal.duties.leading_group.LeadingGroup`;
* ``days[(docid, day_id)]`` -- a :class:`~portal.duties.receptions.model.ReceptionDay`
  (``day_id`` starts with the date, ``20261103-…``, so a unit's days sort by date);
* ``profiles[(docid, userid)]`` -- the post and field a leader was last scheduled with;
* ``reception_months[(month, docid)]`` and ``meeting_months[(month, docid)]`` -- the summaries
  the boards of the level above read (``ReceptionMonth`` / ``MeetingMonth``), rewritten in the
  same transaction as every change they summarise;
* ``plans[(year, docid)]`` -- the name of the unit's training plan document of that year;
* ``sessions[session_id]`` -- a :class:`~portal.duties.training.TrainingSession`;
  ``trained[(year, userid)]`` -- the ids of the sessions a person attended that year;
* ``marks[key]`` -- when the sweep raised a reminder or marked a miss (its once-only record);
* ``instructions[(leader, case path, moment)]`` / ``instruction_keys[case path]`` -- leaders'
  instructions and whether their result was fed back; ``pending_instructions[key]`` -- the
  keys of those still waiting for it (a leader's 我的待办 reads them, never the years of
  instructions fed back); ``raised[(case path, moment)]`` --
  major matters handed up to the level above (``portal.duties.instructions``), and
  ``raised_waiting[(unit path, case path, moment)]`` the keys of those the unit above has not
  acknowledged yet (its 我的待办 reads them, never every matter raised over the years);
* ``first_contacts[(unit docid, id)]`` -- first contacts and their hand-overs
  (``portal.duties.first_contact``), and ``handovers_waiting[(target path, unit docid, id)]``
  the keys of the hand-overs not yet taken up (the receiving bureau's 我的待办 and the sweep
  read them, never every first contact recorded);
* ``since`` -- the first month the sweep judges: the first full month after the concern was
  installed. Months before the portal was in use (and the month it started in) are never
  reported missed.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent

CONTAINERS = (
    "groups",
    "days",
    "profiles",
    "reception_months",
    "meeting_months",
    "plans",
    "sessions",
    "trained",
    "marks",
    "instructions",
    "instruction_keys",
    "pending_instructions",
    "raised",
    "raised_waiting",
    "first_contacts",
    "handovers_waiting",
)


class DutiesStore(Persistent):
    def __init__(self, since):
        self.since = since
        self.ensure()

    def ensure(self):
        """Add any container a newer version of this module declares; True if any."""
        added = False
        for name in CONTAINERS:
            if getattr(self, name, None) is None:
                setattr(self, name, OOBTree())
                added = True
        return added

    def mark_once(self, key, when):
        """Record ``key`` and return True the first time; False when it was recorded."""
        if key in self.marks:
            return False
        self.marks[key] = when
        return True


def install_store(site, since=None):
    """Create (or complete) ``site.duties``; idempotent."""
    store = getattr(site, "duties", None)
    if store is None:
        from .dates import month_key, next_month, today

        store = site.duties = DutiesStore(since or next_month(month_key(today())))
    else:
        store.ensure()
    return store


def get_store(site):
    store = getattr(site, "duties", None)
    if store is None:
        raise RuntimeError("the site has no duties store: run portal-evolve")
    return store
