"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_13_install_prevention(site):
    """Store the prevention concern's site-wide parts (the owners and plans of 积案)."""
    from portal.prevention import install

    install(site)


def includeme(config):
    config.add_evolution_step(13, step_13_install_prevention)
