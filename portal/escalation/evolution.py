"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_9_install_escalations(site):
    """Store the escalation records (下级逾期) on the site."""
    from portal.escalation import install

    install(site)


def includeme(config):
    config.add_evolution_step(9, step_9_install_escalations)
