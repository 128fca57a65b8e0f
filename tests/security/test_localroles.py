"""Local roles: granted per node, inherited downwards, blockable."""

import pytest
from pyramid import testing

from portal.resources import Unit
from portal.security import localroles


@pytest.fixture
def tree():
    testing.setUp()
    city = Unit("市教育局", "city_bureau")
    county = city.add("zy", Unit("中原区教育局", "county_bureau"))
    school = county.add("s01", Unit("中原区第一中学", "school"))
    other = city.add("js", Unit("金水区教育局", "county_bureau"))
    yield city, county, school, other
    testing.tearDown()


def test_grant_is_inherited_down_not_up_or_sideways(tree):
    city, county, school, other = tree
    localroles.grant(county, "zy_officer", "petition_officer")
    assert localroles.effective_roles(school, ["zy_officer"]) == {"petition_officer"}
    assert localroles.effective_roles(county, ["zy_officer"]) == {"petition_officer"}
    assert localroles.effective_roles(city, ["zy_officer"]) == frozenset()
    assert localroles.effective_roles(other, ["zy_officer"]) == frozenset()


def test_roles_union_along_lineage_and_groups(tree):
    city, county, school, _ = tree
    localroles.grant(city, "group:leaders", "leader")
    localroles.grant(school, "u1", "unit_liaison")
    assert localroles.effective_roles(school, ["u1", "group:leaders"]) == {"leader", "unit_liaison"}


def test_block_inheritance_starts_afresh(tree):
    city, county, school, _ = tree
    localroles.grant(city, "admin", "site_admin")
    localroles.grant(school, "head", "petition_head")
    localroles.set_block_inheritance(school, True)
    assert localroles.effective_roles(school, ["admin"]) == frozenset()
    assert localroles.effective_grants(school) == {"head": {"petition_head"}}
    localroles.set_block_inheritance(school, False)
    assert localroles.effective_roles(school, ["admin"]) == {"site_admin"}


def test_revoke_and_unknown_role(tree):
    _, county, school, _ = tree
    assert localroles.grant(county, "u", "petition_officer") is True
    assert localroles.grant(county, "u", "petition_officer") is False
    assert localroles.revoke(county, "u", "petition_officer") is True
    assert localroles.revoke(county, "u", "petition_officer") is False
    assert localroles.local_roles(county) == {}
    with pytest.raises(KeyError):
        localroles.grant(county, "u", "emperor")


def test_request_cache_gives_same_answer(tree):
    city, county, school, other = tree
    localroles.grant(county, "u", "petition_officer")
    cache = {}
    assert localroles.effective_roles(school, ["u"], cache) == {"petition_officer"}
    assert localroles.effective_roles(other, ["u"], cache) == frozenset()
    assert localroles.effective_roles(school, ["u"], cache) == {"petition_officer"}
