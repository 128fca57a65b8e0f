"""Search results say what each hit is: the case number, the unit and the state (not a bare
title); and a school finds only what it may view."""

import bs4


def hits(page):
    html = bs4.BeautifulSoup(page.text, "html.parser")
    return [" ".join(li.get_text(" ").split()) for li in html.select(".search-results li")]


def test_hits_show_case_number_unit_and_state(flow, site_of):
    first = flow.instructed(subject="反映某中学违规收费问题")
    flow.assign("city_officer", first, "/zhongyuan/s01", "/jichu")
    flow.register("city_officer", "/", subject="反映某小学违规收费问题", confirm_new=True)
    with site_of(flow.app) as site:
        numbers = sorted(c.number for c in site.values() if getattr(c, "type_name", "") == "case")
    officer = flow.user("city_officer")
    cases = hits(officer.get("/@@search", {"q": "违规收费"}))
    assert sorted(cases) == sorted(
        [
            f"反映某小学违规收费问题 信访事项 已登记 {numbers[1]} · 郑州市教育局",
            f"反映某中学违规收费问题 信访事项 已交办 {numbers[0]} · 中原区第一中学",
        ]
    )
    # a unit says what it is and where it sits
    units = hits(officer.get("/@@search", {"q": "第一中学"}))
    assert any(h.startswith("中原区第一中学 ") and h.endswith("· 中原区教育局") for h in units), units


def test_a_school_finds_only_its_own_case(flow):
    first = flow.instructed(subject="反映某中学违规收费问题")
    flow.assign("city_officer", first, "/zhongyuan/s01", "/jichu")
    flow.register("city_officer", "/", subject="反映某小学违规收费问题", confirm_new=True)
    found = hits(flow.user("js_s01_liaison").get("/@@search", {"q": "违规收费"}))
    assert found == []
