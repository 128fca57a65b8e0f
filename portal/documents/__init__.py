"""Documents of the regulation stored on units and cases: forms, print, PDF, archive (stub)."""


def install(site):
    """Create what this concern stores on the site (called by an evolve step)."""


def includeme(config):
    pass
