"""A person with roles in several units switches unit from the header (issue 17, item 5)."""

import pytest

TWO_UNITS = (
    ("ma_li", "马丽", "/zhongyuan", "petition_officer"),
    ("ma_li", "马丽", "/zhongyuan/s01", "unit_liaison"),
)


def header(res):
    return res.html.select_one("header .acting-unit")


@pytest.fixture
def ma_li(add_people, signed_in):
    add_people(*TWO_UNITS)
    return signed_in("ma_li")


def test_the_header_names_the_unit_of_the_page_and_offers_the_others(ma_li):
    at_school = header(ma_li.get("/zhongyuan/s01/"))
    assert at_school.select_one("button.dropdown-toggle").get_text(strip=True) == "中原区第一中学"
    items = at_school.select("a.dropdown-item")
    assert [a.contents[0].strip() for a in items] == ["中原区教育局", "中原区第一中学"]
    assert items[0]["href"] == "http://localhost/zhongyuan/"
    assert "单位信访工作人员" in items[1].get_text() and items[1].get("aria-current") == "true"
    at_county = header(ma_li.get("/zhongyuan/"))
    assert at_county.select_one("button.dropdown-toggle").get_text(strip=True) == "中原区教育局"


def test_a_page_outside_their_units_shows_the_first_unit(ma_li):
    assert header(ma_li.get("/@@notifications")).select_one("button").get_text(strip=True) == "中原区教育局"


def test_one_unit_is_a_plain_link(signed_in):
    bar = header(signed_in("zy_officer").get("/zhongyuan/s01/"))
    assert bar.select_one("button") is None
    assert bar.select_one("a")["href"] == "http://localhost/zhongyuan/"


def test_the_city_unit_links_to_its_unit_page(signed_in):
    bar = header(signed_in("city_officer").get("/"))
    assert bar.select_one("a")["href"] == "http://localhost/@@unit"
