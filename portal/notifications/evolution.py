"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_3_install_notifications(site):
    """Store the notification centre on the site."""
    from portal.notifications import install

    install(site)


def includeme(config):
    config.add_evolution_step(3, step_3_install_notifications)
