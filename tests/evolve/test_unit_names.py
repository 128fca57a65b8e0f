"""Step 25: units stored before it walk all their children to list their subunits; the step
gives each unit the names of its subunits, and the lists stay what they were."""

from portal.orgtree.evolution import step_25_units_know_their_subunits


def _tree(site):
    out, stack = {}, [site]
    while stack:
        unit = stack.pop()
        names = [u.__name__ for u in unit.subunits()]
        out[unit.title] = names
        stack.extend(unit.subunits())
    return out


def test_step_25_gives_every_unit_its_subunit_names(app, site_of):
    with site_of(app) as site:
        before = _tree(site)
        units = 0
        stack = [site]
        while stack:  # as stored before the step: no names kept
            unit = stack.pop()
            stack.extend(unit.subunits())
            del unit._unit_names
            units += 1
        assert all(u._unit_names is None for u in site.subunits())
        assert _tree(site) == before  # the old way still answers, walking the children

        assert step_25_units_know_their_subunits(site) == {"units": units}
        assert site._unit_names is not None and site["zhongyuan"]._unit_names is not None
        assert set(site["zhongyuan"]._unit_names) == {u.__name__ for u in site["zhongyuan"].subunits()}
        assert _tree(site) == before
        assert units > 20
