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


def _index_waiting(site, source, index, waiting, key):
    """Fill the duties' ``index`` with ``key(k, record)`` for every record of ``source`` (both
    names of ``site.duties`` containers) that is ``waiting(record)``; how many (0 without a
    duties store)."""
    store = getattr(site, "duties", None)
    if store is None:
        return 0
    store.ensure()
    target, count = getattr(store, index), 0
    for k, record in getattr(store, source).items():
        if waiting(record):
            target[key(k, record)] = True
            count += 1
    return count


def step_26_pending_instructions(site):
    """Keep the keys of the leaders' instructions still waiting for their result apart
    (``pending_instructions``), so that a leader's 我的待办 does not walk every instruction
    they gave: fill it from the instructions kept."""
    pending = _index_waiting(
        site, "instructions", "pending_instructions", lambda i: i.pending, lambda k, _i: k
    )
    return {"pending": pending}


def step_27_raised_matters_waiting(site):
    """Keep the keys of the matters raised to a unit above and not yet acknowledged apart
    (``raised_waiting``), so that its 我的待办 does not walk every matter ever raised: fill it
    from the matters kept."""
    waiting = _index_waiting(
        site,
        "raised",
        "raised_waiting",
        lambda r: r.acknowledged_at is None,
        lambda k, r: (r.to_unit, *k),
    )
    return {"waiting": waiting}


def step_28_handovers_waiting(site):
    """Keep the keys of the first contacts handed over and not yet taken up apart
    (``handovers_waiting``), so that the receiving bureau's 我的待办 and the sweep do not walk
    every first contact recorded: fill it from the first contacts kept."""
    waiting = _index_waiting(
        site,
        "first_contacts",
        "handovers_waiting",
        lambda c: c.handed_to and not c.case_path,
        lambda k, c: (c.handed_to, *k),
    )
    return {"waiting": waiting}


def includeme(config):
    config.add_evolution_step(17, step_17_install_duties)
    config.add_evolution_step(18, step_18_duties_instructions_and_first_contacts)
    config.add_evolution_step(26, step_26_pending_instructions)
    config.add_evolution_step(27, step_27_raised_matters_waiting)
    config.add_evolution_step(28, step_28_handovers_waiting)
