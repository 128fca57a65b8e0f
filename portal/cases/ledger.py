"""The case ledger (台账) of a unit's subtree, its xlsx export, the personal to-do list and the
identity audit log page.

A unit's ledger lists the cases related to its subtree (registered there, handed through it,
handled below it: the ``relation_paths`` index) that the user may view; a case handled by a
unit below shows as 下级办理中 with its deadline. Every listing is answered inside the catalog:
cases by the relation tokens of the user's grants (``access.case_query``), other workflow
objects by the ``allowed`` and ``worklist_tokens`` indexes -- never by checking each result."""

from datetime import date

from BTrees import family64
from hypatia.query import Any, Eq, Ge, Le, Lt
from hypatia.util import ResultSet
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal import clock
from portal.catalog import allowed_query, search, text_query
from portal.catalog.catalog import Results
from portal.catalog.relations import permitted_query
from portal.i18n import _
from portal.layout.export import xlsx_response
from portal.resources import Site, Unit
from portal.security import permissions as P
from portal.time_limits import earliest_open
from portal.workflow.engine import WORKFLOWS_KEY

from . import chain
from .access import case_query
from .audit import get_audit_log
from .identity import masked_people
from .resource import CHANNEL_TITLES
from .urgency import urgency

PAGE_SIZE = 50


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def ledger_query(request, unit, params):
    """The catalog query for the ledger of ``unit``'s subtree with the user's filters; None when
    the user may view no case at all."""
    site = request.root
    cat = site.catalog
    viewable = case_query(request)
    if viewable is None:
        return None
    q = Eq(cat["relation_paths"], resource_path(unit) or "/") & viewable
    if params.get("state"):
        q &= Eq(cat["state"], params["state"])
    if params.get("channel") in CHANNEL_TITLES:
        q &= Eq(cat["channel"], params["channel"])
    start, end = _date(params.get("from")), _date(params.get("to"))
    if start:
        q &= Ge(cat["received_on"], start)
    if end:
        q &= Le(cat["received_on"], end)
    if params.get("overdue") == "1":
        q &= Lt(cat["deadline_due"], clock.today())
    if params.get("owned") == "1":
        q &= Any(cat["owner"], list(cat["owner"].unique_values()))
    if params.get("unit"):
        q &= Eq(cat["responsible_unit"], params["unit"])
    text = (params.get("q") or "").strip()[:100]
    if text:
        tq = text_query(site, text)
        if tq is not None:
            q &= tq
    return q


def _params(request):
    keys = ("state", "channel", "from", "to", "overdue", "owned", "unit", "q")
    return {k: request.params.get(k, "") for k in keys}


def ledger_results(request, unit, params):
    query = ledger_query(request, unit, params)
    if query is None:
        return Results(request.root, ResultSet(family64.IF.Set(), 0, None))
    return search(request.root, query, "received_on", reverse=True)


HANDLING_STATES = ("assigned", "handling", "opinion_submitted", "opinion_approved")


def below_note(case, unit_path):
    """``下级办理中（中原区第一中学）`` when a unit below the ledger's unit holds the case."""
    responsible = case.responsible_unit
    if case.workflow_state in HANDLING_STATES and responsible and chain.below(responsible, unit_path):
        unit = chain.resolve(case, responsible)
        return _("下级办理中（${unit}）", mapping={"unit": unit.title if unit is not None else responsible})
    return ""


@view_config(context=Unit, name="cases", renderer="templates/ledger.pt", permission=P.VIEW)
def ledger_view(context, request):
    params = _params(request)
    results = ledger_results(request, context, params)
    try:
        page = max(1, int(request.params.get("page", "1")))
    except ValueError:
        page = 1
    wf = request.registry[WORKFLOWS_KEY]["case"]
    unit_path = resource_path(context) or "/"
    return {
        "cases": results.page((page - 1) * PAGE_SIZE, PAGE_SIZE),
        "total": results.total,
        "page": page,
        "page_size": PAGE_SIZE,
        "params": params,
        "states": [(s.id, s.title) for s in wf.states.values()],
        "state_title": lambda s: wf.states[s].title,
        "channels": CHANNEL_TITLES,
        "masked": lambda c: masked_people(c)[0].get("name", ""),
        "below": lambda c: below_note(c, unit_path),
        "responsible_title": lambda c: _unit_title(c, c.responsible_unit),
        "urgency": lambda c: urgency(request, c),
        "can_register": request.has_permission(P.REGISTER_CASE, context),
    }


def _unit_title(case, path):
    if not path:
        return ""
    unit = chain.resolve(case, path)
    return unit.title if unit is not None else path


@view_config(context=Unit, name="cases-export", permission=P.VIEW)
def ledger_export(context, request):
    """Exactly the filtered rows of the ledger, identities masked."""
    params = _params(request)
    wf = request.registry[WORKFLOWS_KEY]["case"]
    rows = []
    for case in ledger_results(request, context, params).all():
        due = earliest_open(case)
        rows.append(
            [
                case.number,
                case.received_on,
                case.channel_title,
                masked_people(case)[0].get("name", ""),
                case.subject,
                wf.states[case.workflow_state].title,
                _unit_title(case, case.responsible_unit),
                due.due.display if due else "",
            ]
        )
    return xlsx_response(
        f"{context.title}-信访事项台账.xlsx",
        [
            (
                _("信访事项台账"),
                [
                    "编号",
                    _("收到日期"),
                    _("信访形式"),
                    _("信访人"),
                    _("事由"),
                    _("状态"),
                    _("承办单位"),
                    _("到期日"),
                ],
                rows,
            )
        ],
    )


#: How many items 我的待办 lists: the earliest deadlines first; the page says how many wait in all.
TODO_LIMIT = 100


class TodoList(list):
    """The listed items of a to-do, and in ``total`` how many wait in all (listed or not)."""

    total = 0


def todo_items(request, limit=None):
    """[(worklist titles, object)] waiting for the user, earliest deadline first (the titles a
    list of ``TranslationString``: ``layout.titles`` joins them in the reader's language), at
    most ``limit`` (:data:`TODO_LIMIT`) of them; a :class:`TodoList` whose ``total`` counts
    every object waiting.

    One catalog query per worklist: for a workflow whose access follows relations (cases) the
    relation tokens the user's grants reach for the worklist's permission and states; for the
    others the worklist tokens of the user's principals, intersected with ``allowed``. An object
    on several lists appears once with all their titles.
    """
    site = request.root
    principals = [p for p in request.user_principals if not p.startswith("system.")]
    if not principals:
        return TodoList()
    limit = TODO_LIMIT if limit is None else limit
    found = {}
    for wf in request.registry[WORKFLOWS_KEY].values():
        for wl in wf.worklists.values():
            if wf.access == "relations":
                query = permitted_query(request, wf, wl.permission, wl.states)
                if query is None:
                    continue
            else:
                query = Any(
                    site.catalog["worklist_tokens"], [f"{wl.id}:{p}" for p in principals]
                ) & allowed_query(site, request.user_principals)
            for docid in query.execute().ids:
                found.setdefault(docid, []).append(wl.title)
    out = TodoList()
    if not found:
        return out
    from portal.catalog.catalog import resolve

    index = site.catalog["deadline_due"]
    ordered = list(index.sort(list(found), raise_unsortable=False))
    seen = set(ordered)
    ordered += [d for d in found if d not in seen]  # objects without a deadline come last
    gone = 0  # catalogued but no longer resolvable: neither listed nor counted
    for docid in ordered[:limit]:
        obj = resolve(site, docid)
        if obj is not None:
            out.append((found[docid], obj))
        else:
            gone += 1
    out.total = len(found) - gone
    return out


@view_config(context=Site, name="ledger", permission=P.VIEW_HOME)
def my_ledger(context, request):
    """The ledger of the highest unit the user may view (the city for city staff)."""
    from pyramid.httpexceptions import HTTPFound

    if request.has_permission(P.VIEW, context):
        return HTTPFound(request.resource_url(context, "@@cases"))
    from hypatia.query import Any as AnyOf

    principals = [p for p in request.user_principals if not p.startswith("system.")]
    units = search(
        context,
        AnyOf(context.catalog["local_principals"], principals) & Eq(context.catalog["type_name"], "unit"),
    ).all()
    units.sort(key=lambda u: len(resource_path(u)))
    if units:
        return HTTPFound(request.resource_url(units[0], "@@cases"))
    request.session.flash(_("您尚未被授予任何机构的角色"), "warning")
    return HTTPFound(request.resource_url(context))


@view_config(context=Site, name="identity-audit", renderer="templates/audit.pt", permission=P.MANAGE_SITE)
def audit_view(context, request):
    log = get_audit_log(context)
    return {"entries": log.entries(500), "total": len(log)}


def includeme(config):
    config.scan(__name__)
