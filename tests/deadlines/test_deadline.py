"""The persistent Deadline: pauses, extension, override, completion, recompute, log."""

import dataclasses
from datetime import date, datetime

import pytest
import transaction
from ZODB import DB
from ZODB.MappingStorage import MappingStorage

from portal.clock import SHANGHAI
from portal.deadlines import Deadline, DeadlineError, recompute_open

D = date.fromisoformat
WARN_2027 = "2027年节假日数据尚未录入，暂按周末计算，请管理员补录"


MARCH_2 = D("2026-03-02")


def make(calendar, at, code="handling", trigger=MARCH_2):
    return Deadline(code, trigger, calendar, actor="clerk", at=at)


def test_new_deadline(calendar, at):
    deadline = make(calendar, at)
    assert deadline.due.due_date == D("2026-05-06")
    assert deadline.is_open and not deadline.is_paused
    assert deadline.limit.title == "办理"
    assert [(e.action, e.old_due, e.new_due, e.calendar_version) for e in deadline.log] == [
        ("created", None, D("2026-05-06"), 2)
    ]
    assert deadline.log[0].description == "创建期限：无 → 2026-05-06（节假日设置第2版）"
    assert deadline.log[0].actor == "clerk" and deadline.log[0].at == at


# ---- pauses -----------------------------------------------------------------


def test_pause_and_resume_extend_the_due_date(calendar, at):
    deadline = make(calendar, at)
    deadline.pause(D("2026-03-10"), reason="等待鉴定结论", actor="clerk", at=at)
    assert deadline.is_paused
    assert deadline.level(D("2026-05-07")).code == "paused"
    assert deadline.due.due_date == D("2026-05-06")  # unchanged while paused
    deadline.resume(D("2026-03-20"), calendar, actor="clerk", at=at)
    assert not deadline.is_paused
    assert deadline.due.due_date == D("2026-05-11")  # 05-01 + 10 days, a Monday
    assert deadline.due.paused_days == 10
    assert deadline.due.explanation == "受理日 2026-03-02 + 60日 + 暂停不计 10日 = 2026-05-11"
    deadline.pause(D("2026-04-01"), reason="听证", actor="clerk", at=at)
    deadline.resume(D("2026-04-03"), calendar, actor="clerk", at=at)
    assert deadline.due.due_date == D("2026-05-13")
    assert [e.action for e in deadline.log] == ["created", "paused", "resumed", "paused", "resumed"]
    assert deadline.log[1].description == "自 2026-03-10 起暂停计时：等待鉴定结论"
    assert (deadline.log[2].old_due, deadline.log[2].new_due) == (D("2026-05-06"), D("2026-05-11"))


def test_pause_counts_working_days_for_working_day_limits(calendar, at):
    deadline = make(calendar, at, "forward_objection", D("2026-09-30"))
    assert deadline.due.due_date == D("2026-10-13")
    deadline.pause(D("2026-10-09"), reason="核实管辖", actor="clerk", at=at)
    deadline.resume(
        D("2026-10-12"), calendar, actor="clerk", at=at
    )  # excludes Fri 10-09 and make-up Sat 10-10
    assert deadline.due.paused_days == 2
    assert deadline.due.due_date == D("2026-10-15")
    assert deadline.due.explanation == (
        "收到日 2026-09-30 + 5个工作日 + 暂停不计 2个工作日 = 2026-10-15"
        "（节假日、休息日不计；2026-10-10 为调休上班日，计入）"
    )


def test_pause_refusals(calendar, at):
    deadline = make(calendar, at)
    with pytest.raises(DeadlineError, match="暂停理由"):
        deadline.pause(D("2026-03-10"), reason="", actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="晚于起算日"):
        deadline.pause(D("2026-03-02"), reason="x", actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="未处于暂停状态"):
        deadline.resume(D("2026-03-10"), calendar, actor="clerk", at=at)
    deadline.pause(D("2026-03-10"), reason="x", actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="已于 2026-03-10 暂停"):
        deadline.pause(D("2026-03-11"), reason="x", actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="不能早于暂停日期"):
        deadline.resume(D("2026-03-09"), calendar, actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="请先恢复计时再办结"):
        deadline.complete(D("2026-04-01"), actor="clerk", at=at)
    report = make(calendar, at, "monthly_report", D("2026-04-01"))
    with pytest.raises(DeadlineError, match="月报表时限不适用暂停"):
        report.pause(D("2026-04-10"), reason="x", actor="clerk", at=at)


# ---- extension ----------------------------------------------------------------


def test_extension_once_by_at_most_30_days(calendar, at):
    deadline = make(calendar, at)
    deadline.extend(30, calendar, reason="情况复杂", approved_by="分管领导", actor="clerk", at=at)
    assert deadline.due.due_date == D("2026-06-05")
    assert deadline.due.extension_days == 30
    assert deadline.log[-1].description == (
        "经分管领导批准延期30日：情况复杂：2026-05-06 → 2026-06-05（节假日设置第2版）"
    )
    with pytest.raises(DeadlineError) as info:
        deadline.extend(5, calendar, reason="再延", approved_by="分管领导", actor="clerk", at=at)
    assert str(info.value) == "办理期限只能延期一次，本事项已延期30日，不得再次延期"
    assert deadline.due.due_date == D("2026-06-05")


def test_extension_end_moves_off_a_holiday(calendar, at):
    deadline = make(calendar, at, trigger=D("2026-03-22"))
    assert deadline.due.due_date == D("2026-05-21")
    deadline.extend(30, calendar, reason="情况复杂", approved_by="局长", actor="clerk", at=at)
    assert deadline.due.due_date == D("2026-06-22")
    assert deadline.due.explanation == (
        "受理日 2026-03-22 + 60日 = 2026-05-21；经批准延期30日：2026-05-21 + 30日 = 2026-06-20，"
        "为法定节假日，顺延至 2026-06-22"
    )


@pytest.mark.parametrize(
    "days,kwargs,message",
    [
        (31, {}, "延长期限不得超过30日"),
        (0, {}, "延期天数须为正整数"),
        (-5, {}, "延期天数须为正整数"),
        (10, {"reason": ""}, "请填写延期理由"),
        (10, {"approved_by": ""}, "延期须经上级批准"),
    ],
)
def test_extension_refusals(calendar, at, days, kwargs, message):
    deadline = make(calendar, at)
    args = {"reason": "情况复杂", "approved_by": "分管领导", **kwargs}
    with pytest.raises(DeadlineError, match=message):
        deadline.extend(days, calendar, actor="clerk", at=at, **args)
    assert deadline.extension is None
    assert deadline.due.due_date == D("2026-05-06")
    assert len(deadline.log) == 1


def test_only_handling_can_be_extended(calendar, at):
    deadline = make(calendar, at, "acceptance_notice")
    with pytest.raises(DeadlineError, match="只有办理期限可以延期"):
        deadline.extend(10, calendar, reason="x", approved_by="y", actor="clerk", at=at)


# ---- override -----------------------------------------------------------------


def test_override_by_higher_body(calendar, at):
    deadline = make(calendar, at)
    deadline.set_override(D("2026-04-10"), calendar, by="郑州市信访局", reason="督办件", actor="clerk", at=at)
    assert deadline.due.due_date == D("2026-04-10")
    assert deadline.due.overridden
    assert deadline.due.explanation == (
        "上级机关（郑州市信访局）指定期限至 2026-04-10，不适用默认时限"
        "（受理日 2026-03-02 + 60日 = 2026-05-01，为法定节假日，顺延至 2026-05-06）"
    )
    assert deadline.log[-1].description == (
        "郑州市信访局指定期限至 2026-04-10：督办件：2026-05-06 → 2026-04-10（节假日设置第2版）"
    )
    with pytest.raises(DeadlineError, match="延期须经交办机关同意"):
        deadline.extend(10, calendar, reason="x", approved_by="y", actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="不因暂停顺延"):
        deadline.pause(D("2026-03-10"), reason="x", actor="clerk", at=at)


def test_override_on_a_rest_day_is_kept_and_has_no_year_warning(calendar, at):
    deadline = make(calendar, at, trigger=D("2027-03-02"))
    assert deadline.due.warnings == (WARN_2027,)
    deadline.set_override(D("2027-04-03"), calendar, by="省教育厅", actor="clerk", at=at)
    assert deadline.due.due_date == D("2027-04-03")  # a Saturday: the higher body's date stands
    assert deadline.due.warnings == ()
    with pytest.raises(DeadlineError, match="上级机关"):
        deadline.set_override(D("2027-04-03"), calendar, by="", actor="clerk", at=at)


# ---- completion -----------------------------------------------------------------


def test_complete_on_time_and_late(calendar, at):
    on_time = make(calendar, at)
    on_time.complete(D("2026-05-06"), actor="clerk", at=at)
    assert on_time.met_late is False
    assert not on_time.is_open and on_time.level(D("2026-06-01")) is None
    assert on_time.log[-1].description == "已办结"
    late = make(calendar, at)
    assert late.met_late is None
    late.complete(D("2026-05-07"), actor="clerk", at=at)
    assert late.met_late is True
    assert late.log[-1].description == "已办结，已超期"
    for action in (
        lambda: late.complete(D("2026-05-08"), actor="clerk", at=at),
        lambda: late.recompute(calendar, actor="clerk", at=at),
        lambda: late.pause(D("2026-05-08"), reason="x", actor="clerk", at=at),
    ):
        with pytest.raises(DeadlineError, match="期限已办结"):
            action()


def test_major_event_report_met_by_the_minute(calendar, at):
    event = datetime(2026, 10, 1, 9, 0)
    on_time = make(calendar, at, "major_event_report", event)
    on_time.complete(datetime(2026, 10, 1, 10, 0, tzinfo=SHANGHAI), actor="clerk", at=at)
    assert on_time.met_late is False
    late = make(calendar, at, "major_event_report", event)
    late.complete(datetime(2026, 10, 1, 10, 1), actor="clerk", at=at)
    assert late.met_late is True
    other = make(calendar, at, "major_event_report", event)
    with pytest.raises(DeadlineError, match="具体时间"):
        other.complete(D("2026-10-01"), actor="clerk", at=at)


# ---- recompute after a calendar edit -----------------------------------------------


def enter_2027_labour_day(calendar, at):
    calendar.set_holiday(D("2027-05-03"), actor="admin", name="劳动节", at=at)
    calendar.set_holiday(D("2027-05-04"), actor="admin", name="劳动节", at=at)
    calendar.mark_year_entered(2027, actor="admin", at=at)


def test_recompute_after_calendar_edit(calendar, at):
    deadline = make(calendar, at, trigger=D("2027-03-02"))
    assert deadline.due.due_date == D("2027-05-03")
    enter_2027_labour_day(calendar, at)
    assert calendar.version == 5
    assert deadline.recompute(calendar, actor="admin", at=at) is True
    assert deadline.due.due_date == D("2027-05-05")
    assert deadline.due.calendar_version == 5
    assert deadline.due.warnings == ()
    entry = deadline.log[-1]
    assert (entry.action, entry.old_due, entry.new_due, entry.calendar_version) == (
        "recomputed",
        D("2027-05-03"),
        D("2027-05-05"),
        5,
    )
    assert entry.description == "重新计算期限：2027-05-03（暂定） → 2027-05-05（节假日设置第5版）"
    assert deadline.recompute(calendar, actor="admin", at=at) is False
    assert len(deadline.log) == 3


def test_recompute_open_returns_the_changed_ones(calendar, at):
    moved = make(calendar, at, trigger=D("2027-03-02"))
    same = make(calendar, at, trigger=D("2026-03-02"))
    closed = make(calendar, at, trigger=D("2027-03-02"))
    closed.complete(D("2027-04-01"), actor="clerk", at=at)
    enter_2027_labour_day(calendar, at)
    changed = recompute_open([moved, same, closed], calendar, actor="admin", at=at)
    assert [(c.deadline, c.old.due_date, c.new.due_date) for c in changed] == [
        (moved, D("2027-05-03"), D("2027-05-05"))
    ]
    assert same.log[-1].action == "recomputed" and same.due.calendar_version == 5
    assert closed.due.due_date == D("2027-05-03") and closed.log[-1].action == "completed"
    assert recompute_open([moved, same], calendar, actor="admin", at=at) == ()
    assert len(same.log) == 2  # already current: not touched again
    recompute_open([moved, same], calendar, actor="admin", at=at, force=True)
    assert len(same.log) == 3


# ---- immutability and storage --------------------------------------------------------


def test_log_and_values_are_immutable(calendar, at):
    deadline = make(calendar, at)
    deadline.pause(D("2026-03-10"), reason="x", actor="clerk", at=at)
    assert isinstance(deadline.log, tuple) and isinstance(deadline.pauses, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.log[0].new_due = D("2027-01-01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.pauses[0].end = D("2026-03-11")
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.due.due_date = D("2027-01-01")
    before = deadline.log
    deadline.resume(D("2026-03-12"), calendar, actor="clerk", at=at)
    assert deadline.log[: len(before)] == before


def test_actor_is_required(calendar, at):
    with pytest.raises(DeadlineError, match="操作人"):
        Deadline("handling", D("2026-03-02"), calendar, actor="", at=at)


def test_deadline_round_trips_through_zodb(calendar, at):
    db = DB(MappingStorage())
    try:
        conn = db.open()
        root = conn.root()
        root["calendar"] = calendar
        root["report"] = make(calendar, at, "major_event_report", datetime(2026, 10, 1, 9, 0))
        root["case"] = make(calendar, at)
        root["case"].extend(30, calendar, reason="情况复杂", approved_by="局长", actor="clerk", at=at)
        transaction.commit()
        conn.close()
        root = db.open().root()
        assert root["case"].due.due_date == D("2026-06-05")
        assert len(root["case"].log) == 2
        assert root["report"].due.due_at == datetime(2026, 10, 1, 10, 0, tzinfo=SHANGHAI)
    finally:
        transaction.abort()
        db.close()
