"""The reporting pages. Every view names its permission; finer rules (who files for a unit,
who reviews it) are checked in the view with ``portal.reports.units`` and answered with 403,
and the workflow engine re-checks every transition."""


def includeme(config):
    config.scan(__name__)
