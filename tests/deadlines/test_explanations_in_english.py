"""A due date's explanation is stored as message parts and read in the reader's language
(issue 18, item 6); the Chinese text stays what it was, and a DueDate stored before the parts
existed still reads (in Chinese, as stored)."""

import pickle
from datetime import date, datetime

import pytest
from pyramid.i18n import make_localizer
from pyramid.path import AssetResolver

from portal.clock import SHANGHAI
from portal.deadlines import compute_due
from portal.i18n import chinese
from portal.i18n.parts import from_message, joined, part, render, term

D = date.fromisoformat


@pytest.fixture(scope="module")
def translate():
    locale = AssetResolver().resolve("portal.i18n:locale").abspath()
    return make_localizer("en", [locale]).translate


def has_chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_chinese_text_is_what_the_parts_say(calendar):
    due = compute_due("handling", D("2026-03-02"), calendar)
    assert due.explanation == "受理日 2026-03-02 + 60日 = 2026-05-01，为法定节假日，顺延至 2026-05-06"
    assert render(due.steps) == due.explanation
    assert due.full_text_in(chinese) == due.full_text


@pytest.mark.parametrize(
    "limit, trigger, kw, english",
    [
        (
            "handling",
            D("2026-03-02"),
            {},
            "Date accepted 2026-03-02 + 60 days = 2026-05-01, a statutory holiday, moved to 2026-05-06",
        ),
        (
            "forward_objection",
            D("2026-09-30"),
            {},
            "Date received 2026-09-30 + 5 working days = 2026-10-13 (holidays and rest days not "
            "counted; 2026-10-10 is a make-up working day and counts)",
        ),
        (
            "monthly_report",
            D("2026-04-01"),
            {},
            "Month reported 2026-04: day 25 of each month = 2026-04-25, a rest day, moved to 2026-04-27",
        ),
        (
            "handling",
            D("2026-03-02"),
            {"pauses": [(D("2026-03-10"), D("2026-03-20"))], "extension_days": 30},
            "Date accepted 2026-03-02 + 60 days + 10 paused days not counted = 2026-05-11; extended by "
            "30 days as approved: 2026-05-11 + 30 days = 2026-06-10",
        ),
        (
            "handling",
            D("2026-03-02"),
            {"override_date": D("2026-04-01"), "override_by": "郑州市教育局"},
            "Due date 2026-04-01 set by a higher body (郑州市教育局) instead of the default limit "
            "(Date accepted 2026-03-02 + 60 days = 2026-05-01, a statutory holiday, moved to 2026-05-06)",
        ),
    ],
)
def test_explanations_read_in_english(calendar, translate, limit, trigger, kw, english):
    due = compute_due(limit, trigger, calendar, **kw)
    assert due.full_text_in(translate) == english
    assert render(due.steps) == due.explanation  # and the Chinese is unchanged


def test_hours_and_same_day_limits_read_in_english(calendar, translate):
    hours = compute_due("major_event_report", datetime(2026, 10, 1, 9, 0, tzinfo=SHANGHAI), calendar)
    same_day = compute_due("urgent_case", D("2026-02-17"), calendar)
    for due in (hours, same_day):
        assert not has_chinese(due.full_text_in(translate)), due.full_text_in(translate)


def test_a_year_without_holiday_data_is_warned_in_english(calendar, translate):
    due = compute_due("handling", D("2026-12-01"), calendar)
    assert due.warnings == ("2027年节假日数据尚未录入，暂按周末计算，请管理员补录",)
    text = due.full_text_in(translate)
    assert text.endswith(
        "; The holidays of 2027 are not entered yet: weekends only are counted as rest days "
        "for now; an administrator should enter them"
    )
    assert due.display == "2027-02-01（暂定）"
    assert due.display_in(translate) == "2027-02-01(provisional)"


def test_parts_are_plain_values_that_pickle(calendar):
    due = compute_due("forward_objection", D("2026-09-30"), calendar)

    def plain(value):
        if isinstance(value, tuple):
            return all(plain(v) for v in value)
        return type(value) in (str, int)

    assert plain(due.steps) and plain(due.warning_steps)
    assert pickle.loads(pickle.dumps(due)) == due


def test_a_due_date_stored_before_the_parts_reads_in_chinese(calendar, translate):
    """Older code pickled DueDates without ``steps``: they still render, as stored."""
    due = compute_due("handling", D("2026-12-01"), calendar)
    state = dict(vars(due))
    del state["steps"], state["warning_steps"]  # what an older pickle holds: the texts
    state.update(explanation=due.explanation, warnings=due.warnings)
    revived = object.__new__(type(due))
    revived.__dict__.update(state)
    revived = pickle.loads(pickle.dumps(revived))
    assert revived.steps == () and revived.full_text_in(translate) == due.full_text
    assert revived.full_text_in(chinese) == due.full_text
    assert revived.explanation == due.explanation and revived.provisional == due.provisional


def test_the_chinese_texts_are_not_stored_a_second_time(calendar):
    due = compute_due("handling", D("2027-01-20"), calendar)  # 2027 has no holiday data here
    assert due.provisional and due.warnings
    stored = pickle.dumps(due)
    assert due.explanation.encode() not in stored
    assert not any(w.encode() in stored for w in due.warnings)


def test_message_parts(translate):
    message = part("${party}（${units}）", party=1, units=joined(["受理日", "收到日"]))
    assert render((message,)) == "1（受理日、收到日）"
    assert render((message,), translate) == "1 (Date accepted, Date received)"
    assert render(term("受理日"), translate) == "Date accepted"
    from portal.i18n import _

    nested = from_message(_("${label}：${x}", mapping={"label": _("受理日"), "x": 2}))
    assert nested == ("${label}：${x}", (("label", (("受理日", ()),)), ("x", 2)))
