"""Warning levels at each boundary."""

from datetime import UTC, date, datetime

import pytest

from portal.clock import SHANGHAI
from portal.deadlines import LEVELS, Deadline, DeadlineError, LevelThresholds, compute_due, level_for

D = date.fromisoformat


@pytest.fixture
def due(calendar):
    return compute_due("handling", D("2026-03-02"), calendar)  # due 2026-05-06


@pytest.mark.parametrize(
    "today,code",
    [
        ("2026-04-01", "normal"),
        ("2026-05-02", "normal"),  # 4 days left
        ("2026-05-03", "due_soon"),  # 3 days left: the default threshold
        ("2026-05-05", "due_soon"),
        ("2026-05-06", "due_today"),
        ("2026-05-07", "overdue"),
        ("2026-12-31", "overdue"),
    ],
)
def test_default_levels(due, today, code):
    assert level_for(due, D(today)).code == code


@pytest.mark.parametrize(
    "days,today,code",
    [
        (5, "2026-05-01", "due_soon"),
        (5, "2026-04-30", "normal"),
        (0, "2026-05-05", "normal"),
        (0, "2026-05-06", "due_today"),
    ],
)
def test_configurable_threshold(due, days, today, code):
    assert level_for(due, D(today), thresholds=LevelThresholds(due_soon_days=days)).code == code


@pytest.mark.parametrize("bad", [-1, 3.5, "3", 366])
def test_bad_threshold_is_refused(bad):
    with pytest.raises(DeadlineError, match="即将到期"):
        LevelThresholds(due_soon_days=bad)


@pytest.mark.parametrize(
    "today,now,code",
    [
        ("2026-09-30", None, "due_soon"),
        ("2026-10-01", None, "due_today"),
        ("2026-10-01", datetime(2026, 10, 1, 9, 59), "due_today"),
        ("2026-10-01", datetime(2026, 10, 1, 10, 0), "due_today"),
        ("2026-10-01", datetime(2026, 10, 1, 10, 1), "overdue"),
        ("2026-10-01", datetime(2026, 10, 1, 2, 1, tzinfo=UTC), "overdue"),
        ("2026-10-02", None, "overdue"),
    ],
)
def test_hour_limit_levels(calendar, today, now, code):
    due = compute_due("major_event_report", datetime(2026, 10, 1, 9, 0, tzinfo=SHANGHAI), calendar)
    assert level_for(due, D(today), now).code == code


def test_level_titles():
    assert {code: level.title for code, level in LEVELS.items()} == {
        "normal": "正常",
        "due_soon": "即将到期",
        "due_today": "今日到期",
        "overdue": "已超期",
        "paused": "已暂停",
    }


def test_deadline_level_paused_and_open(calendar, at):
    deadline = Deadline("handling", D("2026-03-02"), calendar, actor="clerk", at=at)
    assert deadline.level(D("2026-05-06")).title == "今日到期"
    deadline.pause(D("2026-04-01"), reason="等待鉴定", actor="clerk", at=at)
    assert deadline.level(D("2026-05-20")).title == "已暂停"


def test_today_must_be_a_date(due):
    with pytest.raises(DeadlineError):
        level_for(due, datetime(2026, 5, 6, 12, 0))
