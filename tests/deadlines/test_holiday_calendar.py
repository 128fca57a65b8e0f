"""The editable, persistent holiday calendar and its seeding."""

import dataclasses
from datetime import date, datetime, timedelta

import pytest
import transaction
from ZODB import DB
from ZODB.MappingStorage import MappingStorage

from portal.clock import SHANGHAI
from portal.deadlines import DeadlineError, seed_calendar, supported_years
from portal.deadlines.holiday_calendar import HOLIDAY, MAKEUP_WORKING_DAY, WEEKEND, WORKING_DAY

D = date.fromisoformat


def test_supported_years_match_chinese_calendar_1_11():
    years = supported_years()
    assert years[0] == 2004 and years[-1] == 2026
    assert 2027 not in years


def test_seeded_days(calendar):
    assert calendar.day_kind(D("2026-05-01")) == HOLIDAY
    assert calendar.day_kind(D("2026-05-02")) == HOLIDAY  # a Saturday inside the holiday
    assert calendar.day_name(D("2026-05-02")) == "劳动节"
    assert calendar.day_kind(D("2026-05-09")) == MAKEUP_WORKING_DAY
    assert calendar.day_name(D("2026-02-14")) == "春节"
    assert calendar.day_kind(D("2026-05-10")) == WEEKEND
    assert calendar.day_kind(D("2026-05-06")) == WORKING_DAY
    assert calendar.holidays(2026)[:3] == (D("2026-01-01"), D("2026-01-02"), D("2026-01-03"))
    assert calendar.working_days(2026) == (
        D("2026-01-04"),
        D("2026-02-14"),
        D("2026-02-28"),
        D("2026-05-09"),
        D("2026-09-20"),
        D("2026-10-10"),
    )
    assert calendar.working_days(2025) == (
        D("2025-01-26"),
        D("2025-02-08"),
        D("2025-04-27"),
        D("2025-09-28"),
        D("2025-10-11"),
    )


def test_seeding_is_logged_and_versioned(calendar, at):
    assert calendar.version == 2
    assert [(e.version, e.action, e.year, e.actor) for e in calendar.log] == [
        (1, "seed", 2025, "system"),
        (2, "seed", 2026, "system"),
    ]
    assert calendar.log[1].description == "从 chinese-calendar 1.11.0 导入2026年节假日数据"
    assert calendar.log[0].at == at


def test_seeding_skips_unknown_and_existing_years(calendar, at):
    assert seed_calendar(calendar, [2026, 2027], actor="admin", at=at) == ()
    assert calendar.version == 2
    assert not calendar.has_data(2027)


def test_year_without_data(calendar):
    assert calendar.years_with_data() == (2025, 2026)
    assert calendar.missing_data_warning(2026) is None
    assert calendar.missing_data_warning(2027) == "2027年节假日数据尚未录入，暂按周末计算，请管理员补录"
    assert calendar.is_working_day(D("2027-01-01"))  # a Friday: weekends only
    assert not calendar.is_working_day(D("2027-01-02"))


def test_edits_bump_version_and_are_logged(calendar, at):
    assert calendar.set_holiday(D("2027-01-01"), actor="admin", name="元旦", at=at) == 3
    assert calendar.set_working_day(D("2027-02-20"), actor="admin", name="春节", at=at) == 4
    assert calendar.clear_day(D("2026-05-09"), actor="admin2", at=at) == 5
    assert calendar.mark_year_entered(2027, actor="admin", at=at) == 6
    assert calendar.version == 6
    assert calendar.day_kind(D("2027-01-01")) == HOLIDAY
    assert calendar.day_kind(D("2027-02-20")) == MAKEUP_WORKING_DAY
    assert calendar.day_kind(D("2026-05-09")) == WEEKEND
    assert calendar.missing_data_warning(2027) is None
    assert [(e.version, e.actor, e.action, e.description) for e in calendar.log[2:]] == [
        (3, "admin", "set_holiday", "设 2027-01-01 为法定节假日（元旦）"),
        (4, "admin", "set_working_day", "设 2027-02-20 为调休上班日（春节）"),
        (5, "admin2", "clear_day", "清除 2026-05-09 的设置，按平常周历计算"),
        (6, "admin", "mark_year", "确认2027年节假日数据已录入"),
    ]
    assert calendar.log[2].day == D("2027-01-01")
    calendar.mark_year_entered(2027, actor="admin", entered=False, at=at)
    assert calendar.version == 7
    assert calendar.missing_data_warning(2027) is not None


def test_holiday_and_working_day_replace_each_other(calendar, at):
    calendar.set_holiday(D("2026-05-09"), actor="admin", at=at)
    assert calendar.day_kind(D("2026-05-09")) == HOLIDAY
    calendar.set_working_day(D("2026-05-09"), actor="admin", at=at)
    assert calendar.day_kind(D("2026-05-09")) == MAKEUP_WORKING_DAY


def test_log_is_append_only_and_immutable(calendar, at):
    log = calendar.log
    assert isinstance(log, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        log[0].actor = "someone else"
    calendar.set_holiday(D("2027-01-01"), actor="admin", at=at)
    assert calendar.log[:2] == log
    assert len(log) == 2


def test_edits_are_refused_without_actor_or_with_bad_input(empty_calendar):
    with pytest.raises(DeadlineError, match="操作人"):
        empty_calendar.set_holiday(D("2027-01-01"), actor="")
    with pytest.raises(DeadlineError, match="日期"):
        empty_calendar.set_holiday(datetime(2027, 1, 1, 8, 0), actor="admin")
    with pytest.raises(DeadlineError, match="年份"):
        empty_calendar.mark_year_entered(27, actor="admin")
    with pytest.raises(DeadlineError, match="不属于2027年"):
        empty_calendar.import_year(2027, {D("2026-01-01"): ""}, {}, actor="admin", source="手工")
    assert empty_calendar.version == 0


def test_import_year_replaces_the_year(calendar, at):
    calendar.import_year(2026, {D("2026-03-02"): "测试"}, {}, actor="admin", source="手工", at=at)
    assert calendar.holidays(2026) == (D("2026-03-02"),)
    assert calendar.working_days(2026) == ()
    assert calendar.holidays(2025)[0] == D("2025-01-01")


def test_default_timestamp_is_shanghai_time(empty_calendar):
    empty_calendar.set_holiday(D("2027-01-01"), actor="admin")
    stamp = empty_calendar.log[0].at
    assert stamp.utcoffset() == timedelta(hours=8)
    assert stamp.tzinfo is not SHANGHAI  # ZoneInfo cannot be stored in ZODB


def test_calendar_round_trips_through_zodb(calendar, at):
    db = DB(MappingStorage())
    try:
        conn = db.open()
        conn.root()["calendar"] = calendar
        transaction.commit()
        calendar.set_holiday(D("2027-01-01"), actor="admin", at=at)
        transaction.commit()
        conn.close()
        stored = db.open().root()["calendar"]
        assert stored.version == 3
        assert stored.day_kind(D("2027-01-01")) == HOLIDAY
        assert stored.day_kind(D("2026-02-28")) == MAKEUP_WORKING_DAY
        assert stored.log[-1].description == "设 2027-01-01 为法定节假日"
    finally:
        transaction.abort()
        db.close()
