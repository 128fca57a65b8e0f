"""Units in the city's own order (portal.resources.order), in every list and picker: the
counties as Zhengzhou lists them, not by the pinyin of their keys; 排序号 overrides."""

import re

import pytest
from webtest import TestApp

from portal.testing.web import login

#: The demo's county bureaus in the city's official order (中原区 ... 中牟县, 航空港区, 郑东新区,
#: 经开区, 高新区), by their titles' first characters.
OFFICIAL = [
    "中原区",
    "二七区",
    "管城回族区",
    "金水区",
    "上街区",
    "惠济区",
    "巩义市",
    "荥阳市",
    "新密市",
    "新郑市",
    "登封市",
    "中牟县",
    "航空港区",
    "郑东新区",
    "经开区",
    "高新区",
]
COUNTY = re.compile("(" + "|".join(OFFICIAL) + ")教育局")


def counties_in(text):
    seen = []
    for name in COUNTY.findall(text):
        if name not in seen:
            seen.append(name)
    return seen


@pytest.fixture
def admin(app):
    t = TestApp(app)
    login(t, "admin")
    return t


def test_the_citys_unit_page_lists_the_counties_in_the_official_order(admin):
    assert counties_in(admin.get("/@@unit").text) == OFFICIAL


def test_the_assignment_picker_follows_the_same_order(flow):
    path = flow.instructed()
    assert counties_in(flow.user("city_officer").get(path + "@@assign").text) == OFFICIAL


def test_the_public_statistics_follow_the_same_order(app, site_of):
    from portal.public.statistics import county_order

    with site_of(app) as site:
        titles = [title.replace("教育局", "") for _key, title in county_order(site)]
    assert titles == OFFICIAL


def test_a_units_own_order_number_comes_first(admin):
    form = admin.get("/gaoxin/@@edit-unit").forms["portal-form"]
    form["order"] = "1"
    form.submit("save", status=302)
    assert counties_in(admin.get("/@@unit").text)[:2] == ["高新区", "中原区"]
    form = admin.get("/gaoxin/@@edit-unit").forms["portal-form"]
    assert form["order"].value == "1"
    form["order"] = "abc"
    assert "请填写整数" in form.submit("save").text


def test_the_evolve_step_reindexes_the_catalogs_order(app, site_of):
    from hypatia.query import Eq

    from portal.catalog import search
    from portal.orgtree.evolution import step_23_units_in_the_citys_order

    def first_county(site):
        query = Eq(site.catalog["parent_path"], "/") & Eq(site.catalog["kind"], "county_bureau")
        return search(site, query, sort_index="sort_key").all()[0].__name__

    with site_of(app, commit=True) as site:
        site["gaoxin"].order = 1  # as a database from before: the attribute set, the index not
        assert first_county(site) == "zhongyuan"
    with site_of(app, commit=True) as site:
        step_23_units_in_the_citys_order(site)
        step_23_units_in_the_citys_order(site)  # idempotent
    with site_of(app) as site:
        assert first_county(site) == "gaoxin"
