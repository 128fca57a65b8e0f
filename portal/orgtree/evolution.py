"""This concern's evolve steps (see ``portal.evolve``). Never change a released step: add
a new one with the next free number."""


def step_23_units_in_the_citys_order(site):
    """Units sort in the city's own order, not by their keys (issue 17, item 7): reindex the
    catalog's ``sort_key`` of every unit."""
    from portal.catalog.catalog import reindex_object

    stack = [site]
    while stack:
        unit = stack.pop()
        if getattr(unit, "__docid__", None) is not None:
            reindex_object(unit, ("sort_key",), site)
        stack.extend(unit.subunits())


def includeme(config):
    config.add_evolution_step(23, step_23_units_in_the_citys_order)
