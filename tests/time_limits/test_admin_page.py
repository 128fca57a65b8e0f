"""The administrators' page ``@@holiday-calendar``: view a year, edit days, mark years, the log."""

from datetime import date

import pytest

from portal.testing.web import csrf_token, login

from .conftest import find_holder

D = date.fromisoformat
PAGE = "/@@holiday-calendar"


def version(app, site_of):
    with site_of(app) as site:
        return site.holiday_calendar.version


def day_form(admin, year=2026):
    return admin.get(PAGE, {"year": year}).forms["day-form"]


def test_shows_a_years_holidays_and_make_up_working_days(admin):
    res = admin.get(PAGE, {"year": 2026})
    holidays = res.html.find(id="holidays").get_text(" ", strip=True)
    assert "2026-10-01 至 2026-10-07 国庆节 7" in holidays
    assert "2026-02-15 至 2026-02-23 春节 9" in holidays
    working = res.html.find(id="working-days").get_text(" ", strip=True)
    assert "2026-10-10 星期六 国庆节" in working and "2026-02-14 星期六 春节" in working
    assert res.html.find(id="missing-data-warning") is None
    assert "从 chinese-calendar 1.11.0 导入2026年节假日数据" in res.html.find(id="calendar-log").text
    assert res.html.find(id="calendar-version").text == "23"
    # every POST form carries the CSRF token
    for form_id in ("day-form", "year-form"):
        assert res.forms[form_id]["csrf_token"].value


def test_a_year_without_data_shows_the_warning(admin):
    res = admin.get(PAGE, {"year": 2027})
    warning = res.html.find(id="missing-data-warning")
    assert warning.text.strip() == "2027年节假日数据尚未录入，暂按周末计算，请管理员补录"
    assert "2027年尚未设置法定节假日" in res.text
    admin.set_cookie("_LOCALE_", "en")  # in the reader's language (issue 18, item 6)
    warning = admin.get(PAGE, {"year": 2027}).html.find(id="missing-data-warning")
    assert warning.text.strip().startswith("The holidays of 2027 are not entered yet")


def test_bad_year_in_the_address_shows_this_year_with_a_notice(admin):
    res = admin.get(PAGE, {"year": "1850"})
    assert "年份须在 2000 至 2100 之间，已显示今年" in res.text


@pytest.mark.parametrize("user", ["zy_head", "zy_officer", "js_officer"])
def test_only_site_administrators_may_open_or_post(testapp, app, site_of, user):
    login(testapp, user)
    testapp.get(PAGE, status=403)
    before = version(app, site_of)
    testapp.post(
        PAGE,
        {"day": "2026-12-25", "set_holiday": "set_holiday", "csrf_token": csrf_token(testapp)},
        status=403,
    )
    assert version(app, site_of) == before


def test_anonymous_visitors_are_sent_to_sign_in(testapp):
    assert "/login" in testapp.get(PAGE, status=302).location


def test_setting_a_holiday_recomputes_open_deadlines_and_logs_it(admin, app, site_of, holder):
    with site_of(app) as site:
        unit = find_holder(site)
        assert unit.deadlines["handling"].due.due_date == D("2026-12-25")
        done_log = unit.deadlines["acceptance_notice"].log
        done_due = unit.deadlines["acceptance_notice"].due
        before = site.holiday_calendar.version
    form = day_form(admin)
    form["day"], form["name"] = "2026-12-25", "测试假日"
    res = form.submit("set_holiday", status=302)
    assert res.location == "http://localhost/@@holiday-calendar?year=2026"
    page = res.follow()
    assert (
        f"已设 2026-12-25 为法定节假日（测试假日），节假日设置更新为第{before + 1}版。"
        "已按新的节假日设置重新计算 1 个未办结的期限，其中 1 个期限的到期日发生变化。"
    ) in page.text
    log_row = page.html.find(id="calendar-log").find("tbody").find("tr").get_text(" ", strip=True)
    assert log_row.startswith(f"{before + 1} ") and "系统管理员（郑州市教育局）" in log_row
    assert "admin" not in log_row
    assert "设 2026-12-25 为法定节假日（测试假日）" in log_row
    with site_of(app) as site:
        unit = find_holder(site)
        handling = unit.deadlines["handling"]
        # 2026-12-25 (Fri) is now a rest day; 26/27 are a weekend: moved to Monday 2026-12-28
        assert handling.due.due_date == D("2026-12-28")
        assert handling.due.calendar_version == before + 1
        entry = handling.log[-1]
        assert (entry.action, entry.actor, entry.old_due, entry.new_due, entry.calendar_version) == (
            "recomputed",
            "admin",
            D("2026-12-25"),
            D("2026-12-28"),
            before + 1,
        )
        # the completed deadline is not touched
        done = unit.deadlines["acceptance_notice"]
        assert done.log == done_log and done.due == done_due
        # the catalog follows
        index = site.catalog["deadline_due"]
        assert index.discriminate(unit, None) == D("2026-12-28")
        assert unit.__docid__ in index.eq(D("2026-12-28")).execute().ids
        assert unit.__docid__ not in index.eq(D("2026-12-25")).execute().ids


def test_clearing_the_day_moves_the_deadline_back(admin, app, site_of, holder):
    for action in ("set_holiday", "clear_day"):
        form = day_form(admin)
        form["day"] = "2026-12-25"
        form.submit(action, status=302)
    with site_of(app) as site:
        unit = find_holder(site)
        assert unit.deadlines["handling"].due.due_date == D("2026-12-25")
        assert [e.action for e in unit.deadlines["handling"].log] == ["created", "recomputed", "recomputed"]
        assert unit.__docid__ in site.catalog["deadline_due"].eq(D("2026-12-25")).execute().ids
        assert site.holiday_calendar.log[-1].description == "清除 2026-12-25 的设置，按平常周历计算"


def test_a_make_up_working_day_that_moves_nothing_says_so(admin, app, site_of, holder):
    form = day_form(admin)
    form["day"] = "2026-12-26"  # a Saturday after the due date
    page = form.submit("set_working_day", status=302).follow()
    assert "已设 2026-12-26 为调休上班日" in page.text
    assert "重新计算 1 个未办结的期限，其中 0 个期限的到期日发生变化" in page.text
    with site_of(app) as site:
        assert site.holiday_calendar.is_working_day(D("2026-12-26"))
        assert find_holder(site).deadlines["handling"].due.due_date == D("2026-12-25")


def test_without_open_deadlines_the_message_says_there_was_nothing_to_do(admin):
    form = day_form(admin)
    form["day"] = "2026-12-25"
    page = form.submit("set_holiday", status=302).follow()
    assert "目前没有未办结的期限需要重新计算。" in page.text


@pytest.mark.parametrize(
    "value, message",
    [
        ("2026-13-01", "日期格式不正确，请按“年-月-日”填写，如 2026-10-01"),
        ("二〇二六年", "日期格式不正确，请按“年-月-日”填写，如 2026-10-01"),
        ("1999-12-31", "日期须在 2000-01-01 至 2100-12-31 之间"),
        ("2101-01-01", "日期须在 2000-01-01 至 2100-12-31 之间"),
        ("", "请填写日期"),
    ],
)
def test_bad_dates_are_refused_at_the_field_and_change_nothing(admin, app, site_of, value, message):
    before = version(app, site_of)
    form = day_form(admin)
    form["day"] = value
    res = form.submit("set_holiday", status=200)
    error = res.html.find(id="item-" + res.html.find("input", attrs={"name": "day"})["id"])
    assert message in error.get_text()
    assert version(app, site_of) == before


def test_a_too_long_name_is_refused(admin, app, site_of):
    before = version(app, site_of)
    form = day_form(admin)
    form["day"], form["name"] = "2026-12-25", "很" * 21
    assert "名称最长20个字" in form.submit("set_holiday", status=200).text
    assert version(app, site_of) == before


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_a_post_without_the_csrf_token_is_refused(admin, app, site_of, token):
    before = version(app, site_of)
    data = {"day": "2026-12-25", "set_holiday": "set_holiday"}
    if token:
        data["csrf_token"] = token
    res = admin.post(PAGE, data, status=400)
    assert "页面已过期" in res.text
    with site_of(app) as site:
        assert site.holiday_calendar.version == before
        assert not site.holiday_calendar.day_kind(D("2026-12-25")) == "holiday"


def test_marking_a_year_entered_ends_the_warning(admin, app, site_of):
    form = admin.get(PAGE, {"year": 2027}).forms["year-form"]
    assert form["year"].value == "2027"
    page = form.submit("mark_year", status=302).follow()
    assert "已确认2027年节假日数据已录入" in page.text
    assert page.html.find(id="missing-data-warning") is None
    with site_of(app) as site:
        assert site.holiday_calendar.has_data(2027)
        assert site.holiday_calendar.log[-1].actor == "admin"
    form = page.forms["year-form"]
    page = form.submit("unmark_year", status=302).follow()
    assert "已撤销2027年节假日数据已录入的确认" in page.text
    assert page.html.find(id="missing-data-warning") is not None


def test_withdrawing_the_mark_of_a_seeded_year_explains_it_still_has_data(admin):
    form = admin.get(PAGE, {"year": 2026}).forms["year-form"]
    page = form.submit("unmark_year", status=302).follow()
    assert "该年数据已从 chinese-calendar 导入，仍视为已录入" in page.text


@pytest.mark.parametrize(
    "value, message",
    [("1999", "年份须在 2000 至 2100 之间"), ("二〇二七", "年份须为四位数字，如 2027"), ("", "请填写年份")],
)
def test_bad_years_are_refused_at_the_field(admin, app, site_of, value, message):
    before = version(app, site_of)
    form = admin.get(PAGE).forms["year-form"]
    form["year"] = value
    assert message in form.submit("mark_year", status=200).text
    assert version(app, site_of) == before


def test_an_unknown_action_changes_nothing(admin, app, site_of):
    before = version(app, site_of)
    res = admin.post(PAGE, {"day": "2026-12-25", "csrf_token": csrf_token(admin)}, status=302)
    assert "未识别的操作，节假日设置没有改变" in res.follow().text
    assert version(app, site_of) == before
