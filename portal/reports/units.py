"""Which units report, who files and who reviews for them, found without walking the tree.

Contract:

* Filing units are the county bureaus, their schools and the units directly under the city
  (:data:`FILING_KINDS`); departments and petition offices report through their bureau, and
  the city bureau receives. :func:`filing_units_query` finds them with one catalog query.
* A unit's report goes to its *receiving unit*: the nearest bureau above it (the county for its
  schools, the city for the counties and the directly-run units).
* Filing is done by people granted a filing role **on the unit itself**
  (:func:`filer_roles`: a bureau's petition officer or head, any other unit's liaison); review
  by people granted a petition role **on the receiving unit** (:data:`REVIEWER_ROLES`). Grants
  inherited from higher units do not make a city officer a school's filer.
"""

from hypatia.query import Any, Eq
from pyramid.traversal import resource_path

from portal.resources import Unit
from portal.resources.kinds import DIRECT_UNITS
from portal.security.localroles import lineage_until_block, local_roles, people_with
from portal.security.roles import role_ids

FILING_KINDS = ("county_bureau", "school") + DIRECT_UNITS
BUREAU_FILER_ROLES = frozenset(role_ids("office"))
UNIT_FILER_ROLES = frozenset(role_ids("unit_staff"))
REVIEWER_ROLES = frozenset(role_ids("office"))
HEAD_ROLES = frozenset(role_ids("head"))


def path_of(node):
    return resource_path(node) or "/"


def is_filing_unit(unit):
    return isinstance(unit, Unit) and unit.__parent__ is not None and unit.kind in FILING_KINDS


def is_bureau(unit):
    return isinstance(unit, Unit) and unit.kind in ("city_bureau", "county_bureau")


def filer_roles(unit):
    return BUREAU_FILER_ROLES if is_bureau(unit) else UNIT_FILER_ROLES


def receiving_unit(unit):
    """The nearest bureau above ``unit`` (None for the city bureau itself)."""
    node = unit.__parent__
    while node is not None and not is_bureau(node):
        node = node.__parent__
    return node


def receiving_titles(site):
    """``title(path)``: the title of the bureau a unit at ``path`` reports to (所属), memoised
    by parent, so a list of thousands of units loads each bureau once."""
    from pyramid.traversal import find_resource

    memo = {}

    def title(path):
        parent = path.rsplit("/", 1)[0] or "/"
        if parent not in memo:
            try:
                node = find_resource(site, parent)
            except KeyError:
                node = None
            while node is not None and not is_bureau(node):
                node = node.__parent__
            memo[parent] = node.title if node is not None else ""
        return memo[parent]

    return title


def county_path(unit):
    """The path of the county bureau ``unit`` belongs to (itself for a county), else ``/``."""
    node = unit
    while node is not None:
        if getattr(node, "kind", None) == "county_bureau":
            return path_of(node)
        node = node.__parent__
    return "/"


def roles_on(node, principals):
    """Roles granted to any of ``principals`` on ``node`` itself (not inherited)."""
    principals = set(principals)
    found = set()
    for principal, roles in local_roles(node).items():
        if principal in principals:
            found.update(roles)
    return found


def may_file(request, unit):
    """True if the user files for ``unit``: a filing role granted on the unit itself."""
    return (
        is_filing_unit(unit)
        and unit.active
        and bool(filer_roles(unit) & roles_on(unit, request.user_principals))
    )


def is_board(unit):
    """The city bureau or a county bureau: where the monthly reports below are reviewed."""
    return unit.__parent__ is None or unit.kind == "county_bureau"


def is_filing_here(unit, request):
    """A unit action's rule: the unit reports monthly (departments and the city do not)."""
    return is_filing_unit(unit)


def files_here(unit, request):
    """A unit action's rule: the user files this unit's reports (``may_file``)."""
    return may_file(request, unit)


def has_dashboard(unit, request):
    """A unit action's rule: the unit is a board (the view's permission says who reviews)."""
    return is_board(unit)


def may_review(request, unit):
    """True if the user reviews ``unit``'s reports: a petition role on its receiving unit."""
    receiver = receiving_unit(unit)
    if receiver is None:
        return False
    return bool(REVIEWER_ROLES & roles_on(receiver, request.user_principals))


def may_review_own(request, unit, roles=HEAD_ROLES):
    """True if the user holds one of ``roles`` on ``unit`` itself (a bureau's internal review)."""
    return bool(roles & roles_on(unit, request.user_principals))


def filers_of(unit):
    """Who is reminded for ``unit``: its filers; for a unit without any, nobody."""
    return people_with(unit, filer_roles(unit))


def chain_people(unit, roles):
    """Userids holding any of ``roles`` on ``unit`` or any unit above it (inheritance kept)."""
    found = set()
    for node in lineage_until_block(unit):
        found.update(people_with(node, roles))
    return sorted(found)


def filing_units_query(site, under, kinds=FILING_KINDS, direct_only=False):
    """Catalog query: active filing units strictly below ``under`` (a unit or a path)."""
    cat = site.catalog
    path = under if isinstance(under, str) else path_of(under)
    q = Eq(cat["type_name"], "unit") & Any(cat["kind"], list(kinds)) & Eq(cat["state"], "active")
    if direct_only:
        q &= Eq(cat["parent_path"], path)
    else:
        q &= Eq(cat["path"], path)
    return q


def filing_docids(site, under, kinds=FILING_KINDS, direct_only=False):
    """Docids of the active filing units strictly below ``under`` (``under`` itself excluded)."""
    ids = set(filing_units_query(site, under, kinds, direct_only).execute().ids)
    own = getattr(under, "__docid__", None) if not isinstance(under, str) else None
    ids.discard(own)
    return ids


def sorted_units(site, docids):
    """The unit objects of ``docids`` in tree order (``portal.resources.order``)."""
    from portal.resources.order import in_tree_order

    return in_tree_order(u for u in (site.docmap.get(d) for d in docids) if u is not None)


def acting_units(request):
    """Units on which the user holds roles directly, highest first (the entry pages of the
    concerns send a user to the first of them that suits)."""
    from portal.catalog import search

    site = request.root
    principals = [p for p in request.user_principals if not p.startswith("system.")]
    cat = site.catalog
    query = Any(cat["local_principals"], principals) & Eq(cat["type_name"], "unit")
    units = search(site, query).all()
    units.sort(key=lambda u: (len(path_of(u)), path_of(u)))
    return units
