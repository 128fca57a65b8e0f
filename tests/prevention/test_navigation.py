"""The navigation's entries of chapters 6-9 take every user to the page of the highest unit
they act for (no redirect loops on the city bureau, which is itself a unit)."""

import pytest

ENTRIES = {
    "@@prevention": "排查与风险",
    "@@emergencies": "突发信访事件应急处置",
    "@@assessment": "年度信访稳定工作考评",
    "@@accountability": "整改通知与责任追究",
}
WHERE = {
    "city_officer": "郑州市教育局",
    "assessor": "郑州市教育局",
    "zy_officer": "中原区教育局",
    "zy_s01_liaison": "中原区第一中学",
    "jichu_handler": "基础教育处",
}


@pytest.mark.parametrize("login", sorted(WHERE))
def test_entries_land_on_the_users_highest_unit(signed_in, login):
    t = signed_in(login)
    home = t.get("/")
    for view, heading in ENTRIES.items():
        assert f'href="http://localhost/{view}"' in home.text, view
        page = t.get(f"/{view}", status=302).follow(status=200)
        h1 = page.html.select_one("h1").text
        assert WHERE[login] in h1 and heading in h1, (view, h1)
