"""Reading a year's holiday arrangements as the State Council's notice writes them.

The notice (国务院办公厅关于某年部分节假日安排的通知) lists each holiday as one item::

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

Contract: ``parse_notice(year, text)`` returns a ``Schedule`` or raises ``NoticeError`` whose
``problems`` are Chinese sentences naming the item at fault. The text is the notice's items,
pasted, or typed the same way (``春节 2月15日至2月23日放假；2月14日、2月28日上班``). Rules:

* An item is a line, or the part after 一、二、…; its name (春节) is the text before the first
  date (before "：" if there is one). Clauses end at "。" or "；".
* A clause with 放假 (or 休息) makes every day of its dates and ranges (``M月D日至[M月]D日``) a
  holiday; a clause with 上班 makes its dates make-up working days. A clause with dates and
  neither word is refused.
* A year may precede a date (``2026年12月31日``); otherwise dates are in ``year``, and a range
  that runs backwards (``12月31日至1月2日``) starts in the year before. Days outside ``year`` are
  left out and listed in ``Schedule.outside``.
* Checks: the weekday in parentheses (（周五） or （星期五）) must be the date's; 共N天 must equal
  the days of the clause's ranges; no day may be both a holiday and a working day; a date must
  exist; the text must hold at least one holiday.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import DeadlineError

WEEKDAYS = "一二三四五六日"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９：；（）", "0123456789:;()")
_NUMERALS = "一二三四五六七八九十"
_ITEM_START = re.compile(rf"(?:^|(?<=[。；;\s]))[{_NUMERALS}]+、")
_DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_NOTE = r"(?:\(([^)]*)\))?"
_RANGE = re.compile(
    rf"{_DATE}{_NOTE}(?:(?:至|到|—|-|~)(?:(?:(\d{{4}})年)?(\d{{1,2}})月)?(\d{{1,2}})日{_NOTE})?"
)
_TOTAL = re.compile(r"共(\d+)天")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")


class NoticeError(DeadlineError):
    """The text could not be read as holiday arrangements; ``problems`` says where, in Chinese."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("；".join(self.problems))


@dataclass(frozen=True)
class Item:
    name: str
    holidays: tuple  # dates, in order
    working_days: tuple


@dataclass(frozen=True)
class Schedule:
    year: int
    items: tuple  # Item per holiday named in the text
    holidays: dict  # date -> name, inside ``year``
    working_days: dict
    outside: tuple  # days named in the text but outside ``year`` (left out)


def parse_notice(year: int, text: str) -> Schedule:
    problems, items = [], []
    for raw in _items(text):
        try:
            items.append(_item(year, raw))
        except NoticeError as exc:
            problems.extend(exc.problems)
    holidays, working_days, outside = {}, {}, []
    for item in items:
        for days, marks in ((item.holidays, holidays), (item.working_days, working_days)):
            for day in days:
                if day.year != year:
                    outside.append(day)
                else:
                    marks[day] = item.name
    for day in sorted(set(holidays) & set(working_days)):
        problems.append(f"{_md(day)}既写作放假又写作上班，请核对")
    if not problems and not holidays:
        problems.append(f"没有读到{year}年的放假日期：请粘贴通知中“一、元旦：……放假……”各项")
    if problems:
        raise NoticeError(problems)
    return Schedule(
        year,
        tuple(items),
        dict(sorted(holidays.items())),
        dict(sorted(working_days.items())),
        tuple(sorted(set(outside))),
    )


def _items(text):
    text = (text or "").translate(_FULL_WIDTH).replace("\u3000", " ")
    for line in text.splitlines():
        for part in _ITEM_START.split(line):
            part = part.strip(" \t。；;")
            if part and re.search(r"\d月", part):
                yield part


def _item(year, raw):
    first = re.search(r"(\d{4}年)?\d{1,2}月", raw)
    head = raw[: first.start()]
    name = head.split(":")[0].strip(" :，,、") if ":" in head else head.strip(" :，,、")
    label = name or raw[:12]
    holidays, working_days, problems = [], [], []
    for clause in filter(None, (c.strip() for c in re.split(r"[。;；]", raw[first.start() :]))):
        matches = list(_RANGE.finditer(clause))
        if not matches:
            continue
        try:
            ranges = [_days(year, m) for m in matches]
        except NoticeError as exc:
            problems.extend(f"{label}：{p}" for p in exc.problems)
            continue
        days = [d for r in ranges for d in r]
        if "上班" in clause:
            working_days.extend(days)
        elif "放假" in clause or "休息" in clause:
            holidays.extend(days)
            total = _TOTAL.search(clause)
            if total and int(total.group(1)) != len(days):
                problems.append(f"{label}：写明共{total.group(1)}天，按日期为{len(days)}天，请核对")
        else:
            problems.append(f"{label}：“{clause}”没有写明放假还是上班")
    if problems:
        raise NoticeError(problems)
    return Item(name or "节假日", tuple(holidays), tuple(working_days))


def _days(year, match):
    y1, m1, d1, note1, y2, m2, d2, note2 = match.groups()
    start = _date(int(y1 or year), int(m1), int(d1))
    _check_weekday(start, note1)
    if d2 is None:
        return [start]
    end = _date(int(y2 or (y1 or year)), int(m2 or m1), int(d2))
    if end < start and not (y1 or y2):
        start = _date(start.year - 1, start.month, start.day)
        _check_weekday(start, note1)
    _check_weekday(end, note2)
    if end < start:
        raise NoticeError([f"{_md(start)}至{_md(end)}：结束日期早于开始日期"])
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        raise NoticeError([f"{year}年没有{month}月{day}日"]) from None


def _check_weekday(day, note):
    found = _WEEKDAY.search(note or "")
    if found is None:
        return
    written = "日" if found.group(1) == "天" else found.group(1)
    actual = WEEKDAYS[day.weekday()]
    if written != actual:
        raise NoticeError([f"{day.year}年{_md(day)}是周{actual}，通知写作周{written}：请核对年份和日期"])


def _md(day):
    return f"{day.month}月{day.day}日"
