"""Sensitive periods: the city declares one, units in scope file daily zero reports, the
dashboard shows who is missing today, reminders; duty rosters and logs."""

from pyramid.traversal import find_resource

from portal.clock import at
from portal.reports.store import get_store

from .conftest import TODAY, day


def _declare(city, counties=("/zhongyuan",), hour=10, status=302):
    data = [
        ("csrf_token", city.token),
        ("title", "全国两会期间"),
        ("__start__", "start:mapping"),
        ("date", day(18).isoformat()),
        ("__end__", "start:mapping"),
        ("__start__", "end:mapping"),
        ("date", day(28).isoformat()),
        ("__end__", "end:mapping"),
        ("__start__", "counties:sequence"),
    ]
    data += [("checkbox", c) for c in counties]
    data += [("__end__", "counties:sequence"), ("deadline_hour", str(hour)), ("declare", "declare")]
    return city.post("/@@sensitive-periods", data, status=status)


def _zero(t, fields, path, kind="nothing", items=0, status=302):
    values = {
        "unit": "单位",
        "reporter": "黄静",
        "reporter_phone": "13912345678",
        "report_date": day(20),
        "kind": kind,
        "items": [
            {
                "subject": "家长反映食堂价格",
                "headcount": 3,
                "description": "电话反映。",
                "measures": "已解释。",
            }
            for _ in range(items)
        ],
    }
    data = fields("zero_report", values, [("csrf_token", t.token), ("file", "file")])
    return t.post(f"{path}/@@zero-report?period=p0001", data, status=status)


def test_the_city_declares_a_period(app, site_of, user):
    city = user("city_officer")
    _declare(city)
    assert "全国两会期间" in city.get("/@@sensitive-periods").text
    with site_of(app) as site:
        period = get_store(site).periods["p0001"]
        assert period.counties == ("/zhongyuan",) and period.deadline_hour == 10


def test_counties_and_liaisons_cannot_declare(user):
    user("zy_officer").get("/@@sensitive-periods", status=403)
    _declare(user("zy_head"), status=403)
    user("zy_s01_liaison").get("/@@sensitive-periods", status=403)


def test_units_in_scope_file_zero_reports_and_the_board_shows_the_missing(
    app, site_of, user, fields, clock, inbox
):
    _declare(user("city_officer"))
    clock.set(at(day(20), 9, 45))  # before the period's 10:00 deadline
    liaison = user("zy_s01_liaison")
    assert "无需报送零报告" not in liaison.get("/zhongyuan/s01/@@zero-report").text
    _zero(liaison, fields, "/zhongyuan/s01")
    _zero(liaison, fields, "/zhongyuan/s01", kind="items", items=1)  # a same-day correction
    with site_of(app) as site:
        unit = site["zhongyuan"]["s01"]
        assert [k for k in unit.keys() if k.startswith("zero-")] == [f"zero-p0001-{day(20)}"]
        report = unit[f"zero-p0001-{day(20)}"]
        assert report.late is False and report.document().appstruct["kind"] == "items"
    # the county files late (after 10:00)
    clock.set(at(day(20), 11, 30))
    officer = user("zy_officer")
    _zero(officer, fields, "/zhongyuan")
    board = officer.get("/zhongyuan/@@zero-reports?period=p0001")
    assert "应报 6 · 已报 2（逾期 1，有情况 1）· 未报 4" in board.text
    missing = officer.get("/zhongyuan/@@zero-reports?period=p0001&status=missing")
    assert "中原区实验小学" in missing.text and "中原区第一中学" not in missing.text
    city_board = user("city_officer").get("/@@zero-reports?period=p0001")
    assert "应报 6" in city_board.text  # only 中原区 is in scope
    export = officer.get("/zhongyuan/@@zero-reports-export?period=p0001")
    assert export.content_type.endswith("spreadsheetml.sheet")
    officer.post("/zhongyuan/@@zero-reports-remind?period=p0001", {"csrf_token": officer.token}, status=302)
    assert inbox("zy_s01_liaison") == []  # filed: not reminded


def test_zero_reports_are_refused_out_of_scope_and_by_role(app, user, fields, add_liaison):
    _declare(user("city_officer"))
    js = user("js_s01_liaison")
    assert "无需报送零报告" in js.get("/jinshui/s01/@@zero-report").text
    _zero(js, fields, "/zhongyuan/s01", status=403)
    user("js_officer").get("/zhongyuan/@@zero-reports?period=p0001", status=403)
    user("zy_s01_liaison").get("/zhongyuan/@@zero-reports", status=403)
    user("city_officer").get("/zhongyuan/s01/@@zero-report", status=403)


def test_reminding_the_missing(app, user, inbox, add_liaison):
    _declare(user("city_officer"))
    add_liaison("zy_s02_liaison", "/zhongyuan/s02")
    officer = user("zy_officer")
    officer.post(
        "/zhongyuan/@@zero-reports-remind?period=p0001",
        {"csrf_token": officer.token, "unit": "/zhongyuan/s02"},
        status=302,
    )
    assert inbox("zy_s02_liaison") == [f"请于10时前报送中原区实验小学{TODAY.month}月20日零报告"]
    assert inbox("zy_s01_liaison") == []


def test_duty_roster_and_log(app, site_of, user, fields):
    _declare(user("city_officer"))
    liaison = user("zy_s01_liaison")
    liaison.post(
        "/zhongyuan/s01/@@duty-roster",
        {
            "csrf_token": liaison.token,
            "period": "p0001",
            "day": day(21).isoformat(),
            "officer": "黄静",
            "leader": "周校长",
            "phone": "0371-6000",
        },
        status=302,
    )
    again = liaison.post(
        "/zhongyuan/s01/@@duty-roster",
        {"csrf_token": liaison.token, "period": "p0001", "day": day(21).isoformat(), "officer": "黄静"},
    )
    assert f"已在{day(21)}的值班表中" in again.follow().text
    values = {
        "duty_date": day(20),
        "period_name": "全国两会期间",
        "officer": "黄静",
        "leader": "周校长",
        "calls": "接来电1次",
        "handling": "已答复",
        "handover": "无",
    }
    data = fields(
        "duty_log",
        values,
        [("csrf_token", liaison.token), ("save", "save"), ("form_token", "abcdef0123456789")],
    )
    liaison.post("/zhongyuan/s01/@@duty-log", data, status=302)
    liaison.post("/zhongyuan/s01/@@duty-log", data, status=302)  # resubmitted: no duplicate
    page = user("zy_officer").get("/zhongyuan/s01/@@duty")
    assert "周校长" in page.text and "接来电1次" in page.text
    with site_of(app) as site:
        from portal.reports.duty import duty_logs

        assert len(duty_logs(find_resource(site, "/zhongyuan/s01"))) == 1
    # others read it but do not write it
    officer = user("zy_officer")
    officer.post(
        "/zhongyuan/s01/@@duty-roster",
        {"csrf_token": officer.token, "period": "p0001", "day": day(21).isoformat(), "officer": "x"},
        status=403,
    )
    user("js_officer").get("/zhongyuan/s01/@@duty", status=403)


def test_zero_reminders_and_duty_logs_are_refused_by_role(user):
    _declare(user("city_officer"))
    js = user("js_officer")
    js.post("/zhongyuan/@@zero-reports-remind?period=p0001", {"csrf_token": js.token}, status=403)
    liaison = user("zy_s01_liaison")
    liaison.post("/zhongyuan/@@zero-reports-remind?period=p0001", {"csrf_token": liaison.token}, status=403)
    user("zy_officer").get("/zhongyuan/s01/@@duty-log", status=403)
    user("js_s01_liaison").get("/zhongyuan/s01/@@duty-log", status=403)
