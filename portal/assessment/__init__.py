"""The annual assessment (第八章 信访稳定工作年度考评).

Modules: ``inputs`` (what the assessment reads from the portal's records: indicator name ->
``measure(unit, year)``), ``scoring`` (the arithmetic: indicator scores, totals, the county
roll-up, vetoes, grades, ranking), ``assess`` (who assesses whom; the form filled from the
records; saving it), ``store`` (``site.assessments``: rows and the veto record), ``board``
(the ranked tables), ``views``.
"""


def install(site):
    """Create what this concern stores on the site (idempotent; called by an evolve step)."""
    from .store import install_store

    install_store(site)


def includeme(config):
    from portal.i18n import _

    config.include(".evolution")
    config.scan(".views")
    config.add_unit_action("assessment-board", "年度考评", "预防与问责", order=45)
    from portal.security import permissions as P

    config.add_nav_item("assessment", _("年度考评"), P.VIEW_HOME, order=90)
