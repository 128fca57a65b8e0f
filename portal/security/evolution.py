"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_19_drop_stored_throttles(site):
    """Throttle state lives in the process now (``portal.security.throttle``): drop the failed
    sign-in and public-form records the database kept for ever (issue 12, item 15)."""
    if getattr(site, "signin_failures", None) is not None:
        del site.signin_failures
    store = getattr(site, "public_area", None)
    if store is not None and getattr(store, "throttle", None) is not None:
        del store.throttle


def includeme(config):
    config.add_evolution_step(19, step_19_drop_stored_throttles)
