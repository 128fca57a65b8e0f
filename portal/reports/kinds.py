"""The kinds of report units file upward, each declared once with ``config.add_report_kind``.

Contract:

* ``config.add_report_kind(code, title, view, allowed=None, order=100)`` (a directive, added by
  ``portal.reports``) declares a report kind: ``code`` is the document type it is filed as (a
  row of ``schemas.registry``), ``title`` the Chinese label of its entry in the 报表 menu of a
  unit's page, ``view`` the unit page that files or lists it, ``allowed(unit, request)`` (or its
  dotted name) the further rule for showing that entry, ``order`` its place in the menu.
* The entry in the 报表 menu is declared with ``add_unit_action`` (group ``报表``), so the
  view's permission and ``allowed`` decide who sees it.
* The discriminator is the code: a kind declared twice is a Pyramid
  ``ConfigurationConflictError``; a code that no document type has, or a missing title,
  stops start-up.
* ``report_kinds(registry)`` lists the kinds in menu order.
"""

from dataclasses import dataclass

from pyramid.exceptions import ConfigurationError

KEY = "portal.reports.kinds"
MENU = "报表"


@dataclass(frozen=True)
class ReportKind:
    code: str
    title: str
    view: str
    order: int


def add_report_kind(config, code, title, view, allowed=None, order=100):
    """Directive: declare a report kind (see the module contract)."""
    from schemas import UnknownDocumentType, get_document_type

    kind = ReportKind(code, title, view, order)

    def register():
        if not title:
            raise ConfigurationError(f"report kind {code!r} needs a Chinese title")
        try:
            get_document_type(code)
        except UnknownDocumentType:
            raise ConfigurationError(f"report kind {code!r}: no such document type in schemas") from None
        config.registry.setdefault(KEY, {})[code] = kind

    config.action(("portal.report_kind", code), register)
    config.add_unit_action(view, title, MENU, allowed, order=order)


def report_kinds(registry):
    """Every declared kind, in menu order."""
    return sorted((registry.get(KEY) or {}).values(), key=lambda k: (k.order, k.code))
