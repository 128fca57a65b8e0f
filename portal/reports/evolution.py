"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_6_install_reports(site):
    """Store the reporting concern's site-wide parts (sensitive periods, rosters)."""
    from portal.reports import install

    install(site)


def includeme(config):
    config.add_evolution_step(6, step_6_install_reports)
