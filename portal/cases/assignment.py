"""Handing a case on: down the tree (交办/转办), back up (退回), taken back from above (收回).

Each operation changes the case's handling chain (``portal.cases.chain``); who may then do what
follows from it and from the workflow's state maps -- nothing is granted on the case.

- A unit on the hand-over sequence hands the case to a unit below it (:func:`assign`): the
  holder passes it on (转办), a unit further up reassigns it (改派, the units below it leave).
  A whistle-blowing case (举报) can never go to the unit it reports on, nor above or below it.
- The responsible unit returns it within 5 working days (``return_case`` / ``return_case_up``):
  it goes back to the unit that handed it over.
- A unit up the sequence takes it back (``withdraw`` / ``withdraw_down``): the units below it
  leave and it holds the case again.
The conditions here tell the two variants of each transition apart; ``on_transition`` applies
the chain change of the transitions fired through the generic transition view.
"""

from hypatia.query import Eq
from pyramid.traversal import resource_path

from portal.catalog import allowed_query, search

from . import chain


class AssignmentRefused(Exception):
    """``str()`` is the Chinese reason."""


def _related(path_a, path_b):
    a, b = path_a.rstrip("/") + "/", path_b.rstrip("/") + "/"
    return a.startswith(b) or b.startswith(a)


def handing_unit(request, case):
    """The unit of the hand-over sequence the signed-in user hands the case on from: the one
    nearest the holder among the units they are granted on; None if they are on none."""
    seq = chain.sequence(case)
    mine = set(chain.user_units(request, case))
    candidates = [p for p in seq if p in mine]
    return candidates[-1] if candidates else None


def check_target(case, base_path, target):
    """Raise ``AssignmentRefused`` unless ``base_path`` may hand ``case`` to ``target``."""
    target_path = resource_path(target) or "/"
    if getattr(target, "type_name", None) != "unit":
        raise AssignmentRefused("只能交办给机构")
    if not target.active:
        raise AssignmentRefused(f"“{target.title}”已停用，不能交办")
    if not chain.below(target_path, base_path):
        raise AssignmentRefused("只能交办给本机构的下级机构或处（科）室")
    if case.reported_unit and _related(target_path, case.reported_unit):
        raise AssignmentRefused("举报类信访事项不能交办给被举报单位或其上下级")
    seq = chain.sequence(case)
    if len(seq) > 1 and seq[-1] == target_path and seq[-2] == base_path:
        raise AssignmentRefused(f"该事项已交办给“{target.title}”")


def assign(
    case,
    target,
    registry=None,
    actor="system",
    when=None,
    from_path=None,
    reviewing=None,
    assisting=(),
    note="",
    request=None,
):
    """Hand ``case`` from ``from_path`` (default: the unit holding it) to ``target``."""
    from portal.clock import now

    seq = chain.sequence(case)
    from_path = from_path or seq[-1]
    target_path = resource_path(target) or "/"
    note = note or (f"交办给{target.title}" if from_path == seq[-1] else f"改派给{target.title}")
    chain.hand_on(
        case,
        from_path,
        target_path,
        actor,
        when or now(),
        note,
        reviewing=reviewing,
        assisting=assisting,
        request=request,
        registry=registry,
    )


def responsible_unit(case):
    """The responsible unit (an object), or None before assignment."""
    return chain.resolve(case, case.responsible_unit) if case.responsible_unit else None


# -- the choices of the assignment form ----------------------------------------------------------


def _depth(path, base_path):
    return len([p for p in path[len(base_path.rstrip("/")) :].split("/") if p])


def target_choices(request, base):
    """``[(path, title, depth, kind title)]``: the active units below ``base`` the user may
    view, in tree order, for ``portal.forms.widgets.UnitTreeWidget``."""
    site = request.root
    base_path = resource_path(base) or "/"
    query = (
        Eq(site.catalog["path"], base_path)
        & Eq(site.catalog["type_name"], "unit")
        & Eq(site.catalog["state"], "active")
        & allowed_query(site, request.user_principals)
    )
    from portal.catalog.discriminators import sort_key

    rows, keys = [], {}
    for unit in search(site, query).all():
        path = resource_path(unit) or "/"
        if path != base_path:
            keys[path] = sort_key(unit, path)
            rows.append((path, unit.title, _depth(path, base_path) - 1, unit.kind_title))
    # children follow their parent; siblings in the order of their kinds, then by key
    rows.sort(key=lambda r: [keys.get(p, p) for p in _ancestors_below(r[0], base_path)])
    return rows


def _ancestors_below(path, base_path):
    """``/a/b/c`` below ``/a`` -> ``['/a/b', '/a/b/c']``."""
    segments = [s for s in path[len(base_path.rstrip("/")) :].split("/") if s]
    prefix = base_path.rstrip("/")
    out = []
    for seg in segments:
        prefix = f"{prefix}/{seg}"
        out.append(prefix)
    return out


def reviewing_choices(base, target_path=None):
    """``[(path, title)]``: the business departments (处（科）室) of ``base`` that may review the
    handling opinion (⑤); the assigning unit itself when it has none."""
    departments = [
        (resource_path(u), u.title)
        for u in base.subunits()
        if u.active and u.kind == "department" and resource_path(u) != target_path
    ]
    return departments or [(resource_path(base) or "/", base.title)]


# -- returning and taking back ----------------------------------------------------------------


def returns_to_registering_unit(case, request):
    """The responsible unit received the case from the registering unit."""
    return len(chain.sequence(case)) == 2


returns_to_registering_unit.title = "该事项由上一级承办单位转办，退回时退至该单位"


def returns_to_unit_below_registering(case, request):
    return len(chain.sequence(case)) > 2


returns_to_unit_below_registering.title = "该事项由登记单位直接交办"


def withdrawing_unit(request, case):
    """The unit the signed-in user takes the case back to: their unit nearest the holder among
    those that handed it on; None if they handed it on nowhere."""
    seq = chain.sequence(case)
    mine = set(chain.user_units(request, case))
    candidates = [p for p in seq[:-1] if p in mine]
    return candidates[-1] if candidates else None


def withdrawn_by_registering_unit(case, request):
    seq = chain.sequence(case)
    return len(seq) > 1 and withdrawing_unit(request, case) == seq[0]


withdrawn_by_registering_unit.title = "只有交办（转办）该事项的单位可以收回"


def withdrawn_by_unit_below_registering(case, request):
    seq = chain.sequence(case)
    unit = withdrawing_unit(request, case)
    return unit is not None and unit != seq[0]


withdrawn_by_unit_below_registering.title = "只有交办（转办）该事项的单位可以收回"

CONDITIONS = {
    "returns_to_registering_unit": returns_to_registering_unit,
    "returns_to_unit_below_registering": returns_to_unit_below_registering,
    "withdrawn_by_registering_unit": withdrawn_by_registering_unit,
    "withdrawn_by_unit_below_registering": withdrawn_by_unit_below_registering,
}


def on_transition(event):
    """Apply the chain change of a return or a take-back (an AfterTransition subscriber)."""
    case, tid = event.object, event.transition.id
    if getattr(case, "type_name", None) != "case":
        return
    seq = chain.sequence(case)
    if tid in ("return_case", "return_case_up") and len(seq) > 1:
        chain.take_back(
            case,
            seq[-2],
            event.actor,
            event.when,
            f"退回：{event.comment}",
            request=event.request,
            registry=_registry(event),
        )
    elif tid in ("withdraw", "withdraw_down") and event.request is not None:
        unit = withdrawing_unit(event.request, case) or seq[0]
        chain.take_back(
            case,
            unit,
            event.actor,
            event.when,
            f"收回：{event.comment}",
            request=event.request,
            registry=_registry(event),
        )


def _registry(event):
    return getattr(event.request, "registry", None)
