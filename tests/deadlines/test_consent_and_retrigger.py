"""A date set by a higher body moves only with its recorded consent; a window counted from a
later event (delivery of the reply) moves its trigger; a due date counted through a year
without holiday data is provisional (暂定) until that year is entered."""

from datetime import date

import pytest

from portal.deadlines import Consent, Deadline, DeadlineError

D = date.fromisoformat


def handed_down(calendar, at):
    deadline = Deadline("handling", D("2026-03-02"), calendar, actor="clerk", at=at)
    deadline.set_override(D("2026-04-10"), calendar, by="郑州市信访局", actor="clerk", at=at)
    return deadline


def test_the_statutory_extension_is_refused_on_a_date_a_higher_body_set(calendar, at):
    deadline = handed_down(calendar, at)
    with pytest.raises(DeadlineError, match="延期须经交办机关同意"):
        deadline.extend(10, calendar, reason="调查未完", approved_by="李局长", actor="clerk", at=at)


def test_extension_with_the_higher_bodys_consent(calendar, at):
    deadline = handed_down(calendar, at)
    deadline.extend_with_consent(
        D("2026-04-30"),
        calendar,
        by="郑州市信访局",
        record="郑信函〔2026〕12号",
        consented_on=D("2026-04-08"),
        reason="需补充调查",
        actor="leader",
        at=at,
    )
    assert deadline.due.due_date == D("2026-04-30") and deadline.due.overridden
    assert deadline.consents == (
        Consent(D("2026-04-30"), "郑州市信访局", "郑信函〔2026〕12号", D("2026-04-08"), "需补充调查"),
    )
    entry = deadline.log[-1]
    assert (entry.action, entry.actor, entry.old_due, entry.new_due) == (
        "extended",
        "leader",
        D("2026-04-10"),
        D("2026-04-30"),
    )
    assert (
        "经郑州市信访局同意（郑信函〔2026〕12号，2026-04-08）延期至 2026-04-30：需补充调查"
        in entry.description
    )
    deadline.extend_with_consent(
        D("2026-05-15"),
        calendar,
        by="郑州市信访局",
        record="电话记录：王科长",
        consented_on=D("2026-04-28"),
        reason="再次补充",
        actor="leader",
        at=at,
    )
    assert deadline.due.due_date == D("2026-05-15") and len(deadline.consents) == 2


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"due_date": D("2026-04-10")}, "延期后的期限须晚于原期限 2026-04-10"),
        ({"record": ""}, "请填写同意延期的上级机关和同意记录"),
        ({"by": ""}, "请填写同意延期的上级机关和同意记录"),
        ({"reason": ""}, "请填写延期理由"),
    ],
)
def test_consent_extension_refusals(calendar, at, changes, message):
    deadline = handed_down(calendar, at)
    values = dict(
        due_date=D("2026-04-30"),
        by="郑州市信访局",
        record="郑信函〔2026〕12号",
        consented_on=D("2026-04-08"),
        reason="需补充调查",
    )
    values.update(changes)
    due_date = values.pop("due_date")
    with pytest.raises(DeadlineError, match=message):
        deadline.extend_with_consent(due_date, calendar, actor="leader", at=at, **values)
    assert deadline.due.due_date == D("2026-04-10") and deadline.consents == ()


def test_consent_extension_needs_a_date_set_by_a_higher_body(calendar, at):
    deadline = Deadline("handling", D("2026-03-02"), calendar, actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="不是上级机关指定的期限"):
        deadline.extend_with_consent(
            D("2026-06-30"),
            calendar,
            by="市信访局",
            record="x",
            consented_on=D("2026-04-08"),
            reason="y",
            actor="leader",
        )


def test_retrigger_counts_from_the_later_event(calendar, at):
    window = Deadline("review_request", D("2026-09-01"), calendar, actor="clerk", at=at)
    assert window.due.due_date == D("2026-10-08")  # 10-01 falls in the National Day holiday
    window.retrigger(D("2026-09-10"), calendar, reason="书面答复邮寄，2026-09-10 送达", actor="clerk", at=at)
    # 30 days on is Saturday 2026-10-10, a make-up working day (调休上班): not moved
    assert window.trigger == D("2026-09-10") and window.due.due_date == D("2026-10-10")
    assert window.log[-1].action == "retriggered"
    assert "起算日改为 2026-09-10（书面答复邮寄，2026-09-10 送达）" in window.log[-1].description
    window.complete(D("2026-09-20"), actor="clerk", at=at)
    with pytest.raises(DeadlineError, match="期限已办结"):
        window.retrigger(D("2026-09-12"), calendar, reason="x", actor="clerk", at=at)


def test_a_due_date_in_a_year_without_data_is_provisional_until_entered(calendar, at):
    deadline = Deadline("acceptance_notice", D("2026-12-28"), calendar, actor="clerk", at=at)
    assert deadline.due.due_date == D("2027-01-12")
    assert deadline.provisional and deadline.due.display == "2027-01-12（暂定）"
    assert deadline.due.date_text == "2027-01-12"
    calendar.enter_year(2027, {D("2027-01-01"): "元旦"}, {}, actor="admin", source="测试")
    deadline.recompute(calendar, actor="admin", at=at)
    assert not deadline.provisional and deadline.due.display == "2027-01-12"
    in_data = Deadline("acceptance_notice", D("2026-11-02"), calendar, actor="clerk", at=at)
    assert not in_data.provisional and in_data.due.display == "2026-11-17"
