"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_14_install_assessment(site):
    """Store the annual assessment's rows and veto record."""
    from portal.assessment import install

    install(site)


def includeme(config):
    config.add_evolution_step(14, step_14_install_assessment)
