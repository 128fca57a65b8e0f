"""Notifications: the in-app notification centre, e-mail, and the periodic sweep (stub)."""


def install(site):
    """Create what this concern stores on the site (called by an evolve step)."""


def includeme(config):
    pass
