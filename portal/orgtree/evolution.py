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


def step_25_units_know_their_subunits(site):
    """Each unit keeps the names of its children that are units, so that listing them does
    not walk its cases (a county holds thousands): build them, walking each unit's children
    once."""
    stack, units = [site], 0
    while stack:
        unit = stack.pop()
        units += 1
        stack.extend(unit.data[name] for name in unit.index_unit_names())
    return {"units": units}


def includeme(config):
    config.add_evolution_step(23, step_23_units_in_the_citys_order)
    config.add_evolution_step(25, step_25_units_know_their_subunits)
