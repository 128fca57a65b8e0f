"""The table of triggers -> due dates, worked out by hand.

2025: rest 1/1, 1/28-2/4, 4/4-6, 5/1-5, 5/31-6/2, 10/1-8;
      make-up working days Sun 1/26, Sat 2/8, Sun 4/27, Sun 9/28, Sat 10/11.
2026: rest 1/1-3, 2/15-23, 4/4-6, 5/1-5, 6/19-21, 9/25-27, 10/1-7;
      make-up working days Sun 1/4, Sat 2/14, Sat 2/28, Sat 5/9, Sun 9/20, Sat 10/10.
2027: no data in chinese-calendar 1.11.0, so only weekends are rest days (with a warning).
"""

from datetime import UTC, date, datetime, timedelta

import chinese_calendar
import pytest

from portal.clock import SHANGHAI
from portal.deadlines import compute_due

D = date.fromisoformat
WARN_2027 = "2027年节假日数据尚未录入，暂按周末计算，请管理员补录"

# (limit code, trigger, expected due date, nominal last day or None when not moved, case)
TABLE = [
    # handling, 60 calendar days
    ("handling", D("2026-03-02"), D("2026-05-06"), D("2026-05-01"), "劳动节2026"),
    ("handling", D("2025-03-02"), D("2025-05-06"), D("2025-05-01"), "劳动节2025"),
    ("handling", D("2025-12-17"), D("2026-02-24"), D("2026-02-15"), "春节2026，跨年"),
    ("handling", D("2026-08-02"), D("2026-10-08"), D("2026-10-01"), "国庆2026"),
    ("handling", D("2025-08-02"), D("2025-10-09"), D("2025-10-01"), "国庆2025（含中秋）"),
    ("handling", D("2025-12-30"), D("2026-02-28"), None, "末日为调休上班的周六，不顺延"),
    ("handling", D("2027-03-02"), D("2027-05-03"), D("2027-05-01"), "2027无数据，周六顺延至周一"),
    # acceptance notice, 15 calendar days
    ("acceptance_notice", D("2026-02-05"), D("2026-02-24"), D("2026-02-20"), "春节2026"),
    ("acceptance_notice", D("2026-01-30"), D("2026-02-14"), None, "调休上班的周六"),
    ("acceptance_notice", D("2025-09-20"), D("2025-10-09"), D("2025-10-05"), "国庆2025"),
    ("acceptance_notice", D("2025-04-16"), D("2025-05-06"), D("2025-05-01"), "劳动节2025"),
    ("acceptance_notice", D("2026-03-06"), D("2026-03-23"), D("2026-03-21"), "普通周六"),
    ("acceptance_notice", D("2026-12-20"), D("2027-01-04"), None, "跨入2027"),
    ("acceptance_notice", D("2026-12-17"), D("2027-01-01"), None, "2027元旦未录入，按工作日"),
    # case-ownership report, 5 calendar days
    ("ownership_report", D("2026-09-28"), D("2026-10-08"), D("2026-10-03"), "国庆2026"),
    ("ownership_report", D("2025-01-23"), D("2025-02-05"), D("2025-01-28"), "春节2025"),
    ("ownership_report", D("2025-09-23"), D("2025-09-28"), None, "调休上班的周日"),
    ("ownership_report", D("2026-05-04"), D("2026-05-09"), None, "调休上班的周六"),
    ("ownership_report", D("2027-02-03"), D("2027-02-08"), None, "2027春节未录入"),
    # review / re-review, 30 calendar days each
    ("review_request", D("2026-01-16"), D("2026-02-24"), D("2026-02-15"), "春节2026"),
    ("review_request", D("2025-04-01"), D("2025-05-06"), D("2025-05-01"), "劳动节2025"),
    ("review_answer", D("2026-04-01"), D("2026-05-06"), D("2026-05-01"), "劳动节2026"),
    ("review_answer", D("2025-09-01"), D("2025-10-09"), D("2025-10-01"), "国庆2025"),
    ("rereview_request", D("2026-09-01"), D("2026-10-08"), D("2026-10-01"), "国庆2026"),
    ("rereview_request", D("2025-12-28"), D("2026-01-27"), None, "跨年，工作日"),
    ("rereview_answer", D("2025-12-05"), D("2026-01-04"), None, "调休上班的周日"),
    ("rereview_answer", D("2027-04-10"), D("2027-05-10"), None, "2027"),
    # objection to a wrongly forwarded case, 5 working days
    ("forward_objection", D("2026-09-30"), D("2026-10-13"), None, "国庆2026，含调休周六10-10"),
    ("forward_objection", D("2026-02-12"), D("2026-02-26"), None, "春节2026，含调休周六02-14"),
    ("forward_objection", D("2025-04-28"), D("2025-05-08"), None, "劳动节2025"),
    ("forward_objection", D("2025-04-24"), D("2025-04-30"), None, "调休上班的周日04-27"),
    ("forward_objection", D("2026-03-06"), D("2026-03-13"), None, "普通一周"),
    ("forward_objection", D("2027-09-30"), D("2027-10-07"), None, "2027国庆未录入"),
    # rectification, 30 calendar days from the notice; emergency written report, 3 days
    ("rectification", D("2026-09-05"), D("2026-10-08"), D("2026-10-05"), "国庆2026"),
    ("rectification", D("2026-03-02"), D("2026-04-01"), None, "普通周三"),
    ("emergency_written_report", D("2026-04-30"), D("2026-05-06"), D("2026-05-03"), "劳动节2026"),
    ("emergency_written_report", D("2026-03-03"), D("2026-03-06"), None, "普通周五"),
    # monthly report, by the 25th
    ("monthly_report", D("2026-04-01"), D("2026-04-27"), D("2026-04-25"), "25日为周六"),
    ("monthly_report", D("2026-03-01"), D("2026-03-25"), None, "25日为工作日"),
    ("monthly_report", D("2025-10-01"), D("2025-10-27"), D("2025-10-25"), "25日为周六"),
    ("monthly_report", D("2025-01-01"), D("2025-01-26"), D("2025-01-25"), "周六顺延至调休上班的周日"),
    ("monthly_report", D("2026-02-10"), D("2026-02-25"), None, "春节后"),
    ("monthly_report", D("2027-09-01"), D("2027-09-27"), D("2027-09-25"), "2027"),
    # urgent cases, same day, never moved
    ("urgent_case", D("2026-02-17"), D("2026-02-17"), None, "春节当日"),
    ("urgent_case", D("2027-01-01"), D("2027-01-01"), None, "2027"),
]

HOUR_TABLE = [
    (datetime(2026, 10, 1, 9, 0), datetime(2026, 10, 1, 10, 0, tzinfo=SHANGHAI)),
    (datetime(2026, 2, 16, 23, 30), datetime(2026, 2, 17, 0, 30, tzinfo=SHANGHAI)),
    (datetime(2026, 5, 1, 2, 0, tzinfo=UTC), datetime(2026, 5, 1, 11, 0, tzinfo=SHANGHAI)),
]


@pytest.mark.parametrize("code,trigger,expected,nominal,case", TABLE, ids=[f"{r[0]}-{r[1]}" for r in TABLE])
def test_due_date(calendar, code, trigger, expected, nominal, case):
    due = compute_due(code, trigger, calendar)
    assert due.due_date == expected
    assert due.trigger == trigger
    assert due.limit_code == code
    assert due.calendar_version == calendar.version
    if nominal is not None:
        assert due.nominal_date == nominal
        assert "顺延至 " + expected.isoformat() in due.explanation
    else:
        assert "顺延至" not in due.explanation
    touches_2027 = expected.year == 2027 and code != "urgent_case"
    assert due.warnings == ((WARN_2027,) if touches_2027 else ())


def test_table_covers_every_limit_and_the_seasons():
    from portal.deadlines import LIMITS

    codes = {row[0] for row in TABLE} | {"major_event_report"}
    assert codes == set(LIMITS) - {"extension"}  # extension is tested in test_deadline.py
    assert len(TABLE) + len(HOUR_TABLE) >= 30


@pytest.mark.parametrize("row", [r for r in TABLE if r[2].year < 2027], ids=lambda r: f"{r[0]}-{r[1]}")
def test_table_agrees_with_chinese_calendar(row):
    """Independent check of the hand-worked rows: due days are working days, moved-from days rest days."""
    code, trigger, expected, nominal, _ = row
    if code == "urgent_case":
        return
    assert chinese_calendar.is_workday(expected)
    if nominal is not None:
        day = nominal
        while day < expected:
            assert not chinese_calendar.is_workday(day)
            day += timedelta(days=1)


@pytest.mark.parametrize("trigger,expected", HOUR_TABLE)
def test_major_event_report_one_hour(calendar, trigger, expected):
    due = compute_due("major_event_report", trigger, calendar)
    assert due.due_at == expected
    assert due.due_date == expected.date()
    assert due.warnings == ()


def test_explanation_example_from_the_issue(calendar):
    due = compute_due("handling", D("2026-03-02"), calendar)
    assert due.explanation == "受理日 2026-03-02 + 60日 = 2026-05-01，为法定节假日，顺延至 2026-05-06"


def test_explanation_weekend_and_makeup_day(calendar):
    assert compute_due("acceptance_notice", D("2026-03-06"), calendar).explanation == (
        "收到日 2026-03-06 + 15日 = 2026-03-21，为休息日，顺延至 2026-03-23"
    )
    assert compute_due("handling", D("2025-12-30"), calendar).explanation == (
        "受理日 2025-12-30 + 60日 = 2026-02-28，为调休上班日，不顺延"
    )
    assert compute_due("rereview_request", D("2025-12-28"), calendar).explanation == (
        "复查意见收到日 2025-12-28 + 30日 = 2026-01-27"
    )


def test_explanation_working_days(calendar):
    assert compute_due("forward_objection", D("2026-09-30"), calendar).explanation == (
        "收到日 2026-09-30 + 5个工作日 = 2026-10-13（节假日、休息日不计；2026-10-10 为调休上班日，计入）"
    )
    assert compute_due("forward_objection", D("2026-03-06"), calendar).explanation == (
        "收到日 2026-03-06 + 5个工作日 = 2026-03-13（节假日、休息日不计）"
    )


def test_explanation_monthly_hours_same_day(calendar):
    assert compute_due("monthly_report", D("2026-04-01"), calendar).explanation == (
        "报告月份 2026-04：每月25日 = 2026-04-25，为休息日，顺延至 2026-04-27"
    )
    assert compute_due("major_event_report", datetime(2026, 10, 1, 9, 0), calendar).explanation == (
        "事件发生时间 2026-10-01 09:00 + 1小时 = 2026-10-01 10:00（按自然时间连续计算，节假日不顺延）"
    )
    assert compute_due("urgent_case", D("2026-02-17"), calendar).explanation == (
        "收到日 2026-02-17，紧急事项当日办理，期限至 2026-02-17 24时（节假日不顺延）"
    )


def test_missing_year_warning_is_shown_with_the_result(calendar):
    due = compute_due("handling", D("2027-03-02"), calendar)
    assert due.full_text == (
        "受理日 2027-03-02 + 60日 = 2027-05-01，为休息日，顺延至 2027-05-03；" + WARN_2027
    )


def test_datetime_trigger_for_day_limit_uses_shanghai_date(calendar):
    # 2026-03-01 17:00 UTC is 2026-03-02 01:00 in Shanghai
    due = compute_due("handling", datetime(2026, 3, 1, 17, 0, tzinfo=UTC), calendar)
    assert due.trigger == D("2026-03-02")
    assert due.due_date == D("2026-05-06")


def test_ends_at_is_midnight_after_due_day(calendar):
    due = compute_due("handling", D("2026-03-02"), calendar)
    assert due.ends_at == datetime(2026, 5, 7, 0, 0, tzinfo=SHANGHAI)
    assert due.display == "2026-05-06"
    hour = compute_due("major_event_report", datetime(2026, 10, 1, 9, 0), calendar)
    assert hour.ends_at == datetime(2026, 10, 1, 10, 0, tzinfo=SHANGHAI)
    assert hour.display == "2026-10-01 10:00"


def test_bad_triggers_are_refused_in_chinese(calendar):
    from portal.deadlines import DeadlineError

    with pytest.raises(DeadlineError, match="事件发生时间"):
        compute_due("major_event_report", D("2026-10-01"), calendar)
    with pytest.raises(DeadlineError, match="受理日"):
        compute_due("handling", "2026-03-02", calendar)
    with pytest.raises(DeadlineError, match="未定义的时限类型：nope"):
        compute_due("nope", D("2026-03-02"), calendar)
    with pytest.raises(DeadlineError, match="不适用暂停"):
        compute_due("monthly_report", D("2026-03-02"), calendar, pauses=[(D("2026-03-05"), D("2026-03-06"))])
    with pytest.raises(DeadlineError, match="只有办理期限可以延期"):
        compute_due("acceptance_notice", D("2026-03-02"), calendar, extension_days=10)


def test_due_value_is_immutable(calendar):
    import dataclasses

    due = compute_due("handling", D("2026-03-02"), calendar)
    with pytest.raises(dataclasses.FrozenInstanceError):
        due.due_date = D("2026-06-01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        due.explanation = "x"
    assert isinstance(due.warnings, tuple)
