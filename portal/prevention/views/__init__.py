"""The prevention pages. Every view names its permission; finer rules (who decides for a unit,
who plans a backlog case) are checked in the view and answered with 403, and the workflow
engine re-checks every transition."""


def includeme(config):
    config.scan(__name__)
