"""Dashboards per level, their xlsx exports (the same figures as the page) and reminders."""

import io

from openpyxl import load_workbook

from .conftest import MONTH, MONTH_TITLE


def _sheet(res, index=0):
    assert res.content_type.endswith("spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(res.body))
    ws = wb.worksheets[index]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_county_dashboard_lists_its_schools(user, file_monthly):
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01", skipping=2)
    board = user("zy_officer").get(f"/zhongyuan/@@reports-dashboard?month={MONTH}")
    text = board.text
    assert "应报 5 · 已报 1（按时 1，逾期 0）· 未报 4" in text
    assert "中原区第一中学" in text and "中原区第三小学" in text
    assert "金水区" not in text and "信访科" not in text  # only its filing units
    missing = user("zy_officer").get(f"/zhongyuan/@@reports-dashboard?month={MONTH}&status=missing")
    assert "中原区第一中学" not in missing.text and "中原区实验小学" in missing.text


def test_export_has_the_same_figures_as_the_page(user, file_monthly):
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01", skipping=2, risks=1)
    officer = user("zy_officer")
    rows = _sheet(officer.get(f"/zhongyuan/@@reports-export?month={MONTH}"))
    assert rows[0][:4] == ["单位", "状态", "报送时间", "是否逾期"]
    assert len(rows) == 1 + 5
    first = [r for r in rows if r[0] == "中原区第一中学"][0]
    assert first[1] == "已报送待审核" and first[3] == "否" and first[4:] == [2, 12, 1, 0, 0]
    assert sum(1 for r in rows[1:] if r[1] == "未报送") == 4
    filtered = _sheet(officer.get(f"/zhongyuan/@@reports-export?month={MONTH}&status=missing"))
    assert len(filtered) == 1 + 4


def test_city_dashboard_rolls_up_counties(user, file_monthly):
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01", skipping=1)
    file_monthly(user("js_s01_liaison"), "/jinshui/s01", risks=2)
    city = user("city_officer")
    board = city.get(f"/@@reports-dashboard?month={MONTH}")
    assert board.text.count("中原区教育局") >= 1 and "全市合计" in board.text
    rows = _sheet(city.get(f"/@@reports-export?month={MONTH}"))
    by_county = {r[0]: r for r in rows[1:]}
    assert len(by_county) == 16
    assert by_county["中原区教育局"][1:6] == [5, 1, 1, 0, 4]
    assert by_county["金水区教育局"][1:3] == [5, 1] and by_county["金水区教育局"][11] == 2
    assert by_county["二七区教育局"][2] == 0
    direct = _sheet(city.get(f"/@@reports-export?month={MONTH}"), 1)
    assert {r[0] for r in direct[1:]} >= {"郑州市第一中学", "郑州师范学院"}
    # the city-wide list of units
    listing = city.get(f"/@@reports-units?month={MONTH}&status=submitted")
    assert "中原区第一中学" in listing.text and "金水区" in listing.text
    missing = _sheet(city.get(f"/@@reports-units-export?month={MONTH}&status=missing"))
    assert len(missing) - 1 == 16 * 5 + 16 + 6 - 2


def test_dashboards_are_refused_by_role(user):
    user("zy_s01_liaison").get("/zhongyuan/@@reports-dashboard", status=403)
    user("zy_officer").get("/@@reports-dashboard", status=403)
    user("zy_officer").get("/@@reports-units", status=403)
    user("js_officer").get("/zhongyuan/@@reports-dashboard", status=403)
    user("jichu_handler").get("/@@reports-dashboard", status=403)


def test_reminders_to_one_or_all_missing(user, inbox, add_liaison):
    add_liaison("zy_s02_liaison", "/zhongyuan/s02")
    officer = user("zy_officer")
    res = officer.post(
        "/zhongyuan/@@reports-remind",
        {"month": MONTH, "unit": "/zhongyuan/s01", "csrf_token": officer.token},
        status=302,
    )
    assert "已向1个单位的1名信访工作人员发送催报通知" in res.follow().text
    assert inbox("zy_s01_liaison") == [f"请尽快报送中原区第一中学{MONTH_TITLE}信访工作月报表"]
    res = officer.post(
        "/zhongyuan/@@reports-remind", {"month": MONTH, "all": "1", "csrf_token": officer.token}
    ).follow()
    assert "已向2个单位的2名信访工作人员发送催报通知" in res.text
    assert "尚无信访工作人员账号" in res.text
    assert len(inbox("zy_s02_liaison")) == 1


def test_reminders_are_refused_outside_ones_scope(user, inbox):
    officer = user("zy_officer")
    res = officer.post(
        "/zhongyuan/@@reports-remind", {"month": MONTH, "unit": "/jinshui/s01", "csrf_token": officer.token}
    ).follow()
    assert "只能催报向本单位报送月报表的单位" in res.text
    assert inbox("js_s01_liaison") == []
    js = user("js_officer")
    js.post("/zhongyuan/@@reports-remind", {"month": MONTH, "all": "1", "csrf_token": js.token}, status=403)
    liaison = user("zy_s01_liaison")
    liaison.post(
        "/zhongyuan/@@reports-remind", {"month": MONTH, "all": "1", "csrf_token": liaison.token}, status=403
    )
    # every POST carries the CSRF token
    officer.post("/zhongyuan/@@reports-remind", {"month": MONTH, "all": "1"}, status=400)


def test_city_reminds_a_county_for_its_own_report(user, inbox):
    city = user("city_officer")
    city.post(
        "/@@reports-remind", {"month": MONTH, "unit": "/zhongyuan", "csrf_token": city.token}, status=302
    )
    assert inbox("zy_officer") == [f"请尽快报送中原区教育局{MONTH_TITLE}信访工作月报表"]
    assert len(inbox("zy_head")) == 1


def test_reports_entry_leads_each_user_to_their_page(user):
    assert user("city_officer").get("/@@reports").location.endswith("/@@reports-dashboard")
    assert user("zy_officer").get("/@@reports").location.endswith("/zhongyuan/@@reports-dashboard")
    assert user("zy_s01_liaison").get("/@@reports").location.endswith("/zhongyuan/s01/@@monthly-report")


def test_the_city_wide_list_names_units_never_paths(user, file_monthly):
    """Issue 17, item 3: the list and its xlsx say which bureau a unit belongs to by title."""
    file_monthly(user("zy_s01_liaison"), "/zhongyuan/s01")
    city = user("city_officer")
    listing = city.get(f"/@@reports-units?month={MONTH}&status=submitted")
    row = listing.html.find("table", id="unit-lines").find("tbody").find("tr")
    assert row.get_text(" ", strip=True).startswith("中原区第一中学 中原区教育局 ")
    assert "/zhongyuan" not in listing.html.find("main").get_text()
    rows = _sheet(city.get(f"/@@reports-units-export?month={MONTH}&status=submitted"))
    assert rows[0][:2] == ["单位", "所属"]
    assert rows[1][:2] == ["中原区第一中学", "中原区教育局"]
    missing = _sheet(city.get(f"/@@reports-units-export?month={MONTH}&status=missing"))
    assert not [r for r in missing if any(str(c).startswith("/") for c in r if c)]
    assert {r[1] for r in missing[1:]} >= {"中原区教育局", "郑州市教育局"}


def test_the_due_date_reads_in_the_readers_language(user, clock):
    """January 2027's report falls due in a year without holiday data: （暂定） in Chinese,
    (provisional) in English (issue 18, item 6)."""
    from datetime import datetime

    from portal.clock import SHANGHAI

    clock.set(datetime(2027, 1, 10, 10, 0, tzinfo=SHANGHAI))
    officer = user("zy_officer")
    url = "/zhongyuan/@@reports-dashboard?month=2027-01"
    assert "2027-01-25（暂定）" in officer.get(url).text
    officer.set_cookie("_LOCALE_", "en")
    page = officer.get(url).text
    assert "2027-01-25(provisional)" in page and "（暂定）" not in page
