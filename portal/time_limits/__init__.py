"""Deadlines in the portal: the stored holiday calendar, its admin page, recomputation, badges (stub)."""


def install(site):
    """Create what this concern stores on the site (called by an evolve step)."""


def includeme(config):
    pass
