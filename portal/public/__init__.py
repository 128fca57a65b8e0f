"""The public area: published progress, query-code lookup, reception days, open statistics,
online petitions (stub)."""


def install(site):
    """Create what this concern stores on the site (called by an evolve step; idempotent)."""


def includeme(config):
    pass
