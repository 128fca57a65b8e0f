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


def step_26_pending_instructions(site):
    """Keep the keys of the leaders' instructions still waiting for their result apart
    (``pending_instructions``), so that a leader's 我的待办 does not walk every instruction
    they gave: fill it from the instructions kept."""
    store = getattr(site, "duties", None)
    if store is None:
        return {"pending": 0}
    store.ensure()
    pending = 0
    for key, instruction in store.instructions.items():
        if instruction.pending:
            store.pending_instructions[key] = True
            pending += 1
    return {"pending": pending}


def step_27_raised_matters_waiting(site):
    """Keep the keys of the matters raised to a unit above and not yet acknowledged apart
    (``raised_waiting``), so that its 我的待办 does not walk every matter ever raised: fill it
    from the matters kept."""
    store = getattr(site, "duties", None)
    if store is None:
        return {"waiting": 0}
    store.ensure()
    waiting = 0
    for key, raised in store.raised.items():
        if raised.acknowledged_at is None:
            store.raised_waiting[(raised.to_unit, *key)] = True
            waiting += 1
    return {"waiting": waiting}


def step_28_handovers_waiting(site):
    """Keep the keys of the first contacts handed over and not yet taken up apart
    (``handovers_waiting``), so that the receiving bureau's 我的待办 and the sweep do not walk
    every first contact recorded: fill it from the first contacts kept."""
    store = getattr(site, "duties", None)
    if store is None:
        return {"waiting": 0}
    store.ensure()
    waiting = 0
    for (docid, contact_id), contact in store.first_contacts.items():
        if contact.handed_to and not contact.case_path:
            store.handovers_waiting[(contact.handed_to, docid, contact_id)] = True
            waiting += 1
    return {"waiting": waiting}


def includeme(config):
    config.add_evolution_step(17, step_17_install_duties)
    config.add_evolution_step(18, step_18_duties_instructions_and_first_contacts)
    config.add_evolution_step(26, step_26_pending_instructions)
    config.add_evolution_step(27, step_27_raised_matters_waiting)
    config.add_evolution_step(28, step_28_handovers_waiting)
