"""A unit lists its subunits from the names it keeps of them, never by walking all its
children: a county bureau also holds its cases, thousands of them."""

import pytest
import transaction
from pyramid import testing

from portal.resources import Unit
from portal.resources.folder import Folder
from tests.loads import loads_of


@pytest.fixture(autouse=True)
def registry():
    testing.setUp()
    yield
    testing.tearDown()


def _county():
    county = Unit("中原区教育局", "county_bureau")
    county.add("s02", Unit("郑州市第二中学", "school"))
    county.add("jichu", Unit("基础教育科", "department"))
    county.add("c2026-0001", Folder())  # another kind of child (a case, in the portal)
    county.add("s01", Unit("郑州市第一中学", "school"))
    return county


def test_subunits_are_the_units_in_the_citys_order():
    county = _county()
    assert [u.__name__ for u in county.subunits()] == ["jichu", "s01", "s02"]
    assert sorted(u.__name__ for u in county.child_units()) == ["jichu", "s01", "s02"]


def test_remove_and_move_keep_the_names():
    county, other = _county(), Unit("金水区教育局", "county_bureau")
    county.remove("s02")
    county.move("s01", other)
    county.remove("c2026-0001")
    assert [u.__name__ for u in county.subunits()] == ["jichu"]
    assert [u.__name__ for u in other.subunits()] == ["s01"]


def test_adding_a_case_does_not_write_the_names(memory_db):
    conn = memory_db.open()
    conn.root()["county"] = county = _county()
    transaction.commit()
    county.add("c2026-0002", Folder())
    assert not county._unit_names._p_changed
    transaction.abort()
    conn.close()


def test_listing_subunits_does_not_load_the_other_children():
    def build(root):
        root["county"] = county = _county()
        for i in range(3000):
            county.add(f"c2026-{i + 2:04d}", Folder())

    names, loads = loads_of(
        build,
        lambda root: [u.__name__ for u in root["county"].subunits()],
        warm=lambda root: root["county"]._p_activate(),
    )
    assert names == ["jichu", "s01", "s02"]
    # the names, the BTree nodes on the way to three children, the three units -- not the
    # hundred buckets of 3,000 cases
    assert loads <= 12, loads
