"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_4_install_documents(site):
    """Store the document registry's site-wide parts (archive lending register)."""
    from portal.documents import install

    install(site)


def includeme(config):
    config.add_evolution_step(4, step_4_install_documents)
