"""The BTree container: names, counts, moves and the events they send."""

import pytest
from pyramid import testing

from portal.resources import InvalidName, Unit
from portal.resources.events import ObjectAdded, ObjectMoved, ObjectWillBeRemoved


@pytest.fixture
def events():
    config = testing.setUp()
    seen = []
    for cls in (ObjectAdded, ObjectMoved, ObjectWillBeRemoved):
        config.add_subscriber(seen.append, cls)
    yield seen
    testing.tearDown()


def test_add_counts_and_parents(events):
    county = Unit("中原区教育局", "county_bureau")
    school = county.add("s01", Unit("中原区第一中学", "school"))
    assert len(county) == 1 and county["s01"] is school
    assert school.__parent__ is county and school.__name__ == "s01"
    assert [type(e) for e in events] == [ObjectAdded]


@pytest.mark.parametrize("name", ["", "S01", "学校", "a b", "-x", "@@view", "x" * 65])
def test_bad_names_are_refused_in_chinese(events, name):
    county = Unit("中原区教育局", "county_bureau")
    with pytest.raises(InvalidName) as info:
        county.add(name, Unit("某校", "school"))
    assert "标识" in str(info.value)
    assert len(county) == 0


def test_taken_name_is_refused(events):
    county = Unit("中原区教育局", "county_bureau")
    county.add("s01", Unit("甲校", "school"))
    with pytest.raises(InvalidName, match="已被同级机构使用"):
        county.add("s01", Unit("乙校", "school"))
    assert county["s01"].title == "甲校" and len(county) == 1


def test_move_keeps_object_and_updates_counts(events):
    a, b = Unit("甲", "county_bureau"), Unit("乙", "county_bureau")
    school = a.add("s01", Unit("学校", "school"))
    a.move("s01", b, "s09")
    assert "s01" not in a and b["s09"] is school and school.__parent__ is b
    assert (len(a), len(b)) == (0, 1)
    moved = [e for e in events if isinstance(e, ObjectMoved)][0]
    assert (moved.old_parent, moved.old_name, moved.name) == (a, "s01", "s09")


def test_cannot_move_into_own_subtree(events):
    root = Unit("市", "city_bureau")
    county = root.add("c", Unit("县", "county_bureau"))
    dept = county.add("d", Unit("科", "department"))
    with pytest.raises(InvalidName, match="下级机构"):
        root.move("c", dept)
    assert "c" in root


def test_remove_sends_event_before_detaching(events):
    county = Unit("县", "county_bureau")
    county.add("s01", Unit("学校", "school"))
    county.remove("s01")
    removed = [e for e in events if isinstance(e, ObjectWillBeRemoved)][0]
    assert removed.name == "s01" and len(county) == 0


def test_unknown_kind_is_refused():
    with pytest.raises(KeyError):
        Unit("某", "no_such_kind")
