"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_2_install_holiday_calendar(site):
    """Store the holiday calendar on the site, seeded from chinese-calendar."""
    from portal.time_limits import install

    install(site)


def includeme(config):
    config.add_evolution_step(2, step_2_install_holiday_calendar)
