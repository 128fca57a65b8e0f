"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_7_install_public_area(site):
    """Store the public area's projections, query codes and pages."""
    from portal.public import install

    install(site)


def step_11_statistics_summary(site):
    """Build the statistics summary (counts per month, county, channel and state) from the
    cases; from now on events keep it, and the statistics page reads only it."""
    from portal.public.summary import rebuild

    rebuild(site)


def step_20_withdraw_published_whistleblowing(site):
    """A whistle-blowing case (举报) is never public (issue 12, item 9): withdraw any such case
    published before the rule, and any published case marked 不宜公开 since."""
    from pyramid.traversal import find_resource

    from portal.public import publication

    store = getattr(site, "public_area", None)
    if store is None:
        return
    for path in list(store.case_keys.keys()):
        try:
            case = find_resource(site, path)
        except KeyError:
            continue
        if publication.publishable(case):
            publication.refresh(case)


def step_29_log_by_case(site):
    """Index the publication log by case (``log_by_case``), so that a case's publication page
    reads its own lines instead of the whole log (a line per case accepted): fill it from the
    log kept."""
    store = getattr(site, "public_area", None)
    if store is None:
        return {"lines": 0}
    store.ensure()
    lines = 0
    for key, entry in store.log.items():
        store.log_by_case[(entry.case_path, *key)] = True
        lines += 1
    return {"lines": lines}


def step_30_projections_newest_first(site):
    """Keep the published projections in the order newest first (``newest``) and their number
    (``projection_count``), so that the public index, the progress list and the feed read one
    page of them instead of sorting them all: build both from the projections kept."""
    store = getattr(site, "public_area", None)
    if store is None:
        return {"projections": 0}
    store.ensure()
    return {"projections": store.index_projections()}


def includeme(config):
    config.add_evolution_step(7, step_7_install_public_area)
    config.add_evolution_step(11, step_11_statistics_summary)
    config.add_evolution_step(20, step_20_withdraw_published_whistleblowing)
    config.add_evolution_step(29, step_29_log_by_case)
    config.add_evolution_step(30, step_30_projections_newest_first)
