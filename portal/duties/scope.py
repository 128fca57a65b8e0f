"""Which units carry which standing duty, and the level above that watches them.

* Every unit of the education system sets up its petition leading group and meets monthly
  (第二章 "各单位"): the city bureau and every filing unit (county bureaus, their schools, the
  units directly under the city): :data:`GROUP_KINDS`.
* Reception days (第四章第一节) and the yearly training plan (第五章第五节) are the bureaus'
  (the city bureau and the county bureaus): :data:`BUREAU_KINDS`.
* The level above a unit is the bureau its reports go to (``portal.reports.units``): the
  county for its schools, the city for the counties and the units directly under it.
"""

from hypatia.query import Eq

from portal.reports.units import FILING_KINDS, path_of, receiving_unit, sorted_units  # noqa: F401
from portal.resources import Unit
from portal.resources.kinds import DIRECT_UNITS

BUREAU_KINDS = ("city_bureau", "county_bureau")
GROUP_KINDS = ("city_bureau",) + FILING_KINDS
OFFICE_KINDS = ("petition_office", "department")


def is_duty_unit(unit):
    return isinstance(unit, Unit) and unit.kind in GROUP_KINDS


def is_bureau(unit):
    return isinstance(unit, Unit) and unit.kind in BUREAU_KINDS


def duty_unit_of(node):
    """The duty unit ``node`` belongs to: itself, or the bureau of a department or office."""
    while node is not None and not is_duty_unit(node):
        node = node.__parent__
    return node


def may_view_duties(unit, request):
    """True if the user may see the duties ``unit`` belongs to (an office's are its bureau's):
    the rule of the unit page's duty links."""
    from portal.security.permissions import VIEW

    owner = duty_unit_of(unit)
    return owner is not None and bool(request.has_permission(VIEW, owner))


def may_view_receptions(unit, request):
    """True if ``unit`` belongs to a bureau (reception days are the bureaus') the user may see."""
    return is_bureau(duty_unit_of(unit)) and may_view_duties(unit, request)


def level_above(unit):
    return receiving_unit(unit)


def units_below(site, bureau):
    """The active units whose level above is ``bureau``, in tree order: for the city the
    county bureaus and the units directly under it, for a county its schools."""
    cat = site.catalog
    query = Eq(cat["type_name"], "unit") & Eq(cat["state"], "active")
    if bureau.__parent__ is None:
        query &= Eq(cat["parent_path"], "/")
        kinds = ("county_bureau",) + DIRECT_UNITS
    else:
        query &= Eq(cat["path"], path_of(bureau))
        kinds = ("school",)
    docids = [d for d in query.execute().ids]
    units = [u for u in sorted_units(site, docids) if u.kind in kinds]
    return units
