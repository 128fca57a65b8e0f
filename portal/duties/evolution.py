"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_17_install_duties(site):
    """Store the standing duties' records (leading groups, reception days, meetings and
    training summaries); the public reception schedule is now kept by the duties."""
    from portal.duties import install

    install(site)


def step_18_duties_instructions_and_first_contacts(site):
    """Give the duties' store its containers for leaders' instructions, matters raised to the
    level above and first contacts (a store installed by an earlier version lacks them)."""
    from portal.duties import install

    install(site)


def includeme(config):
    config.add_evolution_step(17, step_17_install_duties)
    config.add_evolution_step(18, step_18_duties_instructions_and_first_contacts)
