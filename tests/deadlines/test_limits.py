"""The declared limit table."""

import dataclasses

import pytest

from portal.deadlines import LIMITS, Limit, LimitDefinitionError, Rule, UnknownLimit, get_limit, validate

EXPECTED = {
    "acceptance_notice": ("受理告知", Rule.CALENDAR_DAYS, 15),
    "handling": ("办理", Rule.CALENDAR_DAYS, 60),
    "extension": ("延期", Rule.CALENDAR_DAYS, 30),
    "ownership_report": ("包案情况报告", Rule.CALENDAR_DAYS, 5),
    "review_request": ("复查申请", Rule.CALENDAR_DAYS, 30),
    "review_answer": ("复查答复", Rule.CALENDAR_DAYS, 30),
    "rereview_request": ("复核申请", Rule.CALENDAR_DAYS, 30),
    "rereview_answer": ("复核答复", Rule.CALENDAR_DAYS, 30),
    "forward_objection": ("转送交办异议", Rule.WORKING_DAYS, 5),
    "monthly_report": ("月报表", Rule.DAY_OF_MONTH, 25),
    "major_event_report": ("重大信访事项报告", Rule.HOURS, 1),
    "urgent_case": ("紧急信访事项办理", Rule.SAME_DAY, 0),
    "rectification": ("整改", Rule.CALENDAR_DAYS, 30),
    "emergency_written_report": ("突发信访事件书面报告", Rule.CALENDAR_DAYS, 3),
}


def test_registry_declares_every_limit():
    assert {code: (limit.title, limit.rule, limit.amount) for code, limit in LIMITS.items()} == EXPECTED


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        LIMITS["handling"] = LIMITS["acceptance_notice"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        LIMITS["handling"].amount = 90


def test_declared_table_validates():
    validate(LIMITS)


@pytest.mark.parametrize(
    "bad,message",
    [
        (Limit("Bad-Code", "办理", Rule.CALENDAR_DAYS, 60, "受理日", "依据"), "lower_snake_case"),
        (Limit("x", "handling", Rule.CALENDAR_DAYS, 60, "受理日", "依据"), "title must be Chinese"),
        (Limit("x", "办理", Rule.CALENDAR_DAYS, 0, "受理日", "依据"), "amount must be positive"),
        (Limit("x", "办理", Rule.SAME_DAY, 1, "受理日", "依据"), "amount 0"),
        (Limit("x", "月报", Rule.DAY_OF_MONTH, 31, "报告月份", "依据"), "1..28"),
        (Limit("x", "办理", "calendar_days", 60, "受理日", "依据"), "unknown rule"),
    ],
)
def test_validate_rejects_bad_definitions(bad, message):
    with pytest.raises(LimitDefinitionError, match=message):
        validate([bad])


def test_validate_rejects_duplicates():
    with pytest.raises(LimitDefinitionError, match="declared twice"):
        validate([LIMITS["handling"], LIMITS["handling"]])


def test_get_limit():
    assert get_limit("handling") is LIMITS["handling"]
    assert get_limit(LIMITS["handling"]) is LIMITS["handling"]
    with pytest.raises(UnknownLimit) as info:
        get_limit("missing")
    assert str(info.value) == "未定义的时限类型：missing"
    forged = dataclasses.replace(LIMITS["handling"], amount=90)
    with pytest.raises(UnknownLimit):
        get_limit(forged)


def test_rule_titles_are_chinese():
    assert Rule.CALENDAR_DAYS.title == "自然日（次日起算，期末遇节假日顺延）"
    assert Rule.WORKING_DAYS.title == "工作日（次日起算，仅计工作日）"
    assert [r for r in Rule if r.pausable] == [Rule.CALENDAR_DAYS, Rule.WORKING_DAYS]
