"""The kinds of organisation unit and which kinds each may contain (第一章、第五章第一节).

A frozen, declared table; ``validate_kinds`` runs at start-up so a typo in ``children`` stops the
application instead of surfacing as a form error later.
"""

from dataclasses import dataclass

from portal.i18n import _


@dataclass(frozen=True)
class UnitKind:
    id: str
    title: str
    children: tuple = ()
    is_bureau: bool = False


DIRECT_UNITS = ("affiliated_institution", "city_school", "private_school", "university")

KINDS = {
    k.id: k
    for k in (
        UnitKind(
            "city_bureau",
            _("市教育局"),
            ("department", "petition_office", "county_bureau") + DIRECT_UNITS,
            True,
        ),
        UnitKind("county_bureau", _("县（市、区）教育局"), ("department", "petition_office", "school"), True),
        UnitKind("department", _("处（科）室")),
        UnitKind("petition_office", _("信访处（科）")),
        UnitKind("school", _("学校")),
        UnitKind("affiliated_institution", _("局属二级机构")),
        UnitKind("city_school", _("局直属学校")),
        UnitKind("private_school", _("市属民办学校")),
        UnitKind("university", _("市属高校")),
    )
}

KIND_BY_TITLE = {k.title: k for k in KINDS.values()}


def get_kind(kind_id):
    """Return the ``UnitKind`` for ``kind_id``; raise ``KeyError`` for an unknown kind."""
    return KINDS[kind_id]


def validate_kinds(kinds=KINDS):
    """Raise ``ValueError`` listing every child kind that is not itself declared."""
    problems = [f"{k.id} -> {c}" for k in kinds.values() for c in k.children if c not in kinds]
    if problems:
        raise ValueError("unknown child kinds: " + ", ".join(problems))
