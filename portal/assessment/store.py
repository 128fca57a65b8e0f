"""What the assessment concern stores on the site: ``site.assessments`` (an
:class:`AssessmentStore`).

* ``rows[(year, unit_path)]`` -- an :class:`AssessmentRow`: the unit's own totals and veto as
  its latest saved assessment says, rewritten in the same transaction as the document, so the
  ranked tables never read the documents;
* ``vetoes[(year, unit_path)]`` -- the append-only tuple of :class:`VetoRecord`: every time a
  veto was set, changed or lifted, by whom and when, with its consequence.

County results are not stored: ``board`` rolls the rows up when it reads them (``scoring``), so
a school assessed later changes its county's result at once.
"""

from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from BTrees.OOBTree import OOBTree
from persistent import Persistent


class AssessmentRow(NamedTuple):
    unit_path: str
    title: str
    kind: str
    county: str  # the county bureau's path, "/" for units directly under the city
    quantitative: Decimal
    qualitative: Decimal
    total: Decimal
    veto_items: tuple
    grade: str  # the unit's own grade (a veto makes it 不合格（一票否决）)
    doc_path: str
    assessed_at: datetime
    assessed_by: str

    @property
    def vetoed(self):
        return bool(self.veto_items)


class VetoRecord(NamedTuple):
    items: tuple  # VETO_ITEMS codes; () when a veto was lifted
    details: str
    consequence: str  # Chinese: what the veto takes away
    recorded_by: str
    recorded_at: datetime


class AssessmentStore(Persistent):
    def __init__(self):
        self.rows = OOBTree()
        self.vetoes = OOBTree()

    def year_rows(self, year):
        """{unit_path: row} of ``year``."""
        found = self.rows.items(min=(year, ""), max=(year, "\uffff"))
        return {path: row for (_year, path), row in found}

    def record_veto(self, year, path, record):
        self.vetoes[(year, path)] = self.vetoes.get((year, path), ()) + (record,)


def install_store(site):
    if getattr(site, "assessments", None) is None:
        site.assessments = AssessmentStore()
    return site.assessments


def get_store(site):
    store = getattr(site, "assessments", None)
    if store is None:
        raise RuntimeError("the site has no assessment store: run portal-evolve")
    return store


def awards_barred(site, unit_path, year):
    """True if a veto stands against the unit for ``year`` (its leaders lose that year's awards)."""
    row = get_store(site).rows.get((year, unit_path))
    return bool(row is not None and row.vetoed)
