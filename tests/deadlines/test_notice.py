"""Reading the State Council's notice: the 2026 notice as published gives exactly the days
chinese-calendar holds for 2026; typed text works the same way; mistakes are named in Chinese."""

from datetime import date

import pytest

from portal.deadlines.notice import NoticeError, parse_notice
from portal.deadlines.seeding import year_marks

NOTICE_2026 = """\
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
"""


def test_the_published_2026_notice_gives_the_days_chinese_calendar_holds():
    schedule = parse_notice(2026, NOTICE_2026)
    holidays, working_days = year_marks(2026)
    assert set(schedule.holidays) == set(holidays)
    assert set(schedule.working_days) == set(working_days)
    assert [item.name for item in schedule.items] == [
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
    ]
    assert schedule.holidays[date(2026, 2, 15)] == "春节"
    assert schedule.working_days[date(2026, 9, 20)] == "国庆节"
    assert schedule.outside == ()


def test_typed_text_and_full_width_digits_read_the_same():
    typed = "春节 ２月15日至2月23日放假；2月14日、2月28日上班\n国庆节：10月1日-10月7日放假"
    schedule = parse_notice(2026, typed)
    assert len(schedule.holidays) == 9 + 7
    assert list(schedule.working_days) == [date(2026, 2, 14), date(2026, 2, 28)]


def test_days_of_another_year_are_left_out_and_listed():
    schedule = parse_notice(2027, "一、元旦：2026年12月31日至2027年1月2日放假，共3天。")
    assert list(schedule.holidays) == [date(2027, 1, 1), date(2027, 1, 2)]
    assert schedule.outside == (date(2026, 12, 31),)
    backwards = parse_notice(2027, "元旦：12月31日至1月2日放假")
    assert backwards.outside == (date(2026, 12, 31),)


@pytest.mark.parametrize(
    "text, problem",
    [
        (
            "一、春节：2月15日（周一）至23日放假，共9天。",
            "春节：2026年2月15日是周日，通知写作周一：请核对年份和日期",
        ),
        ("一、春节：2月15日至23日放假，共8天。", "春节：写明共8天，按日期为9天，请核对"),
        ("一、春节：2月15日至23日。", "春节：“2月15日至23日”没有写明放假还是上班"),
        ("一、元旦：2月30日放假", "元旦：2026年没有2月30日"),
        ("一、春节：2月15日至23日放假。2月15日上班。", "2月15日既写作放假又写作上班，请核对"),
        ("国务院办公厅关于2026年部分节假日安排的通知", "没有读到2026年的放假日期"),
    ],
)
def test_mistakes_are_named_in_chinese(text, problem):
    with pytest.raises(NoticeError) as info:
        parse_notice(2026, text)
    assert any(p.startswith(problem) for p in info.value.problems), info.value.problems


def test_every_faulty_item_is_reported_at_once():
    with pytest.raises(NoticeError) as info:
        parse_notice(2026, "一、春节：2月15日（周一）放假。\n二、国庆节：10月1日至7日放假，共8天。")
    assert len(info.value.problems) == 2
