"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_10_install_petitioner_notices(site):
    """Store the petitioner notices (messages, their record per case, the outbox)."""
    from portal.petitioner_notices import install

    install(site)


def includeme(config):
    config.add_evolution_step(10, step_10_install_petitioner_notices)
