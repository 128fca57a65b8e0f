"""Units report upward: monthly reports, zero reports in sensitive periods, major event reports,
risk-screening ledgers, duty rosters (stub)."""


def install(site):
    """Create what this concern stores on the site (called by an evolve step; idempotent)."""


def includeme(config):
    pass
