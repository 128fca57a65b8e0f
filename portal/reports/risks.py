"""The risk-screening ledger (矛盾隐患排查台账): entries, their roll-up up the tree.

Each entry is a ``risk_ledger_entry`` Document stored on the unit that screened it (through
``portal.documents.api``), so it is indexed like every document; the ledger of a unit is one
catalog query over its subtree (documents titled 矛盾隐患排查台账, filtered by the
``allowed`` index). :func:`ledger_lines` reads their values; :func:`rollup` groups them by the
unit's branch below the ledger's unit (a county's schools; the city's counties), as the
monthly report rolls up. Families in hardship (``family_in_hardship``) are flagged for help.

Adding is idempotent: :func:`add_risk` records the form's token on the document and a
resubmitted form returns the document the first attempt stored.
"""

from dataclasses import dataclass

from hypatia.query import Eq

from portal import clock
from portal.catalog import allowed_query, search
from portal.documents.api import update_document
from schemas import get_document_type

from .filing import add_document_once
from .units import path_of

CODE = "risk_ledger_entry"
STATUS_TITLES = {"open": "未化解", "in_progress": "化解中", "resolved": "已化解"}
LEVEL_TITLES = {"high": "高", "medium": "中", "low": "低"}


def add_risk(unit, appstruct, token, request):
    """Add an entry to ``unit``'s ledger; returns (doc, created)."""
    return add_document_once(unit, CODE, appstruct, token, request)


def update_risk(doc, appstruct, request):
    update_document(doc, appstruct, request.authenticated_userid, registry=request.registry)


@dataclass(frozen=True)
class RiskLine:
    doc: object
    unit_path: str
    unit_title: str
    branch_path: str
    branch_title: str
    values: dict
    overdue: bool

    @property
    def status_title(self):
        return STATUS_TITLES.get(self.values.get("status"), "")

    @property
    def level_title(self):
        return LEVEL_TITLES.get(self.values.get("risk_level"), "")


def ledger_docs(request, unit):
    site = request.root
    cat = site.catalog
    title = get_document_type(CODE).title
    query = (
        Eq(cat["path"], path_of(unit))
        & Eq(cat["type_name"], "document")
        & Eq(cat["title"], title)
        & allowed_query(site, request.user_principals)
    )
    results = search(site, query, "created", reverse=True)
    return [d for d in (results.all() if results.total else []) if d.code == CODE and d.superseded_by is None]


def _branch(unit, top):
    """The child of ``top`` that ``unit`` lies under (``top`` itself for its own entries)."""
    node = unit
    while node is not None and node.__parent__ is not top and node is not top:
        node = node.__parent__
    return node if node is not None else top


def ledger_lines(request, unit, status="", hardship=False, day=None):
    day = day or clock.today()
    lines = []
    for doc in ledger_docs(request, unit):
        values = doc.appstruct
        if status and values.get("status") != status:
            continue
        if hardship and not values.get("family_in_hardship"):
            continue
        owner = doc.__parent__
        branch = _branch(owner, unit)
        overdue = (
            values.get("status") != "resolved"
            and values.get("deadline") is not None
            and values["deadline"] < day
        )
        lines.append(
            RiskLine(doc, path_of(owner), owner.title, path_of(branch), branch.title, values, overdue)
        )
    return lines


def rollup(lines):
    """[(branch title, counts)] with counts of entries, open, in progress, resolved, overdue
    and hardship families, in branch path order, plus the total."""
    groups = {}
    for line in lines:
        key = (line.branch_path, line.branch_title)
        c = groups.setdefault(
            key, {"entries": 0, "open": 0, "in_progress": 0, "resolved": 0, "overdue": 0, "hardship": 0}
        )
        c["entries"] += 1
        c[line.values.get("status", "open")] = c.get(line.values.get("status", "open"), 0) + 1
        c["overdue"] += line.overdue
        c["hardship"] += bool(line.values.get("family_in_hardship"))
    out = [(title, c) for (path, title), c in sorted(groups.items())]
    total = {
        k: sum(c[k] for _t, c in out)
        for k in ("entries", "open", "in_progress", "resolved", "overdue", "hardship")
    }
    return out, total
