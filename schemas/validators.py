"""Field validators with Chinese error messages.

Every validator here is a colander validator: ``validator(node, value)``
returns ``None`` when the value is acceptable and raises
``colander.Invalid(node, message)`` otherwise, where ``message`` is a plain
Chinese ``str`` meant for the person filling the form.  Validators only
judge; they never change the value (normalisation belongs to preparers in
:mod:`schemas.fields`).

This package never reads the clock: the caller says what day it is.
Validators that compare with the current date resolve it at validation
time, in this order:

1. ``node.bindings['today']`` when the schema was bound with
   ``schema.bind(today=...)`` (a ``datetime.date`` or a zero-argument
   callable returning one; the portal binds its clock);
2. the ``today`` callable given to the validator's constructor;
3. neither: :class:`TodayUnknown` (a programming error, not bad input).
"""

import datetime
import re

import colander

from .i18n import _

__all__ = [
    "DEFAULT_EARLIEST_DATE",
    "EARLIEST_BIRTH_DATE",
    "PROVINCE_CODES",
    "DateRange",
    "IdNumber",
    "IntRange",
    "ItemCount",
    "Length",
    "OneOf",
    "SubsetOf",
    "TodayUnknown",
    "YearMonth",
    "YearRange",
    "id_check_character",
    "landline",
    "mobile",
    "phone",
    "postal_code",
    "resolve_today",
]

#: Dates on petition documents are not accepted before this day.
DEFAULT_EARLIEST_DATE = datetime.date(2000, 1, 1)

#: Birth dates in an identity number are not accepted before this day.
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)

#: The two-digit province-level prefixes (GB/T 2260) that may open an
#: identity number's six-digit region code.
PROVINCE_CODES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)


class TodayUnknown(LookupError):
    """A date was checked against "today" but the schema was not bound with it."""


def resolve_today(node, fallback=None):
    """Return today's date for ``node``: its binding or ``fallback()``."""
    bindings = getattr(node, "bindings", None) or {}
    today = bindings.get("today", fallback)
    if today is None:
        raise TodayUnknown(f"{node.name or 'schema'}: bind today=... to check dates against it")
    if callable(today):
        today = today()
    if isinstance(today, datetime.datetime):
        today = today.date()
    return today


def _fmt(day):
    return f"{day.year}年{day.month}月{day.day}日"


# --- lengths, ranges, choices ------------------------------------------------


class Length:
    """Text length between ``min`` and ``max`` characters (either may be None)."""

    def __init__(self, min=None, max=None):
        self.min = min
        self.max = max

    def __call__(self, node, value):
        if self.min is not None and len(value) < self.min:
            raise colander.Invalid(node, f"不得少于{self.min}个字")
        if self.max is not None and len(value) > self.max:
            raise colander.Invalid(node, f"不得超过{self.max}个字")


class ItemCount:
    """Number of items in a sequence or set between ``min`` and ``max``."""

    def __init__(self, min=None, max=None):
        self.min = min
        self.max = max

    def __call__(self, node, value):
        if self.min is not None and len(value) < self.min:
            raise colander.Invalid(node, f"至少填写{self.min}项")
        if self.max is not None and len(value) > self.max:
            raise colander.Invalid(node, f"最多填写{self.max}项")


class IntRange:
    """A number between ``min`` and ``max`` inclusive (either may be None)."""

    def __init__(self, min=None, max=None):
        self.min = min
        self.max = max

    def __call__(self, node, value):
        if self.min is not None and value < self.min:
            raise colander.Invalid(node, f"不得小于{self.min}")
        if self.max is not None and value > self.max:
            raise colander.Invalid(node, f"不得大于{self.max}")


class OneOf:
    """The value is one of ``choices`` (any iterable of allowed values)."""

    def __init__(self, choices):
        self.choices = frozenset(choices)

    def __call__(self, node, value):
        if value not in self.choices:
            raise colander.Invalid(node, _("请从列出的选项中选择"))


class SubsetOf:
    """Every member of the (set) value is one of ``choices``."""

    def __init__(self, choices):
        self.choices = frozenset(choices)

    def __call__(self, node, value):
        if not set(value) <= self.choices:
            raise colander.Invalid(node, _("所选内容不在列出的选项之中"))


# --- dates ------------------------------------------------------------------


class DateRange:
    """A date (or datetime) not before ``earliest`` and not after today + ``days_ahead``.

    ``days_ahead=None`` removes the upper bound; ``days_ahead=0`` means "not in
    the future".  ``today`` is a zero-argument callable (see the module
    docstring for how a binding overrides it).
    """

    def __init__(self, earliest=DEFAULT_EARLIEST_DATE, days_ahead=0, today=None):
        self.earliest = earliest
        self.days_ahead = days_ahead
        self.today = today

    def __call__(self, node, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if self.earliest is not None and day < self.earliest:
            raise colander.Invalid(node, f"日期不得早于{_fmt(self.earliest)}")
        if self.days_ahead is None:
            return
        latest = resolve_today(node, self.today) + datetime.timedelta(days=self.days_ahead)
        if day > latest:
            if self.days_ahead == 0:
                raise colander.Invalid(node, _("日期不得晚于今天"))
            raise colander.Invalid(node, f"日期不得晚于{_fmt(latest)}")


class YearRange:
    """A year from ``earliest`` up to the current year."""

    def __init__(self, earliest=DEFAULT_EARLIEST_DATE.year, today=None):
        self.earliest = earliest
        self.today = today

    def __call__(self, node, value):
        if value < self.earliest:
            raise colander.Invalid(node, f"年度不得早于{self.earliest}年")
        if value > resolve_today(node, self.today).year:
            raise colander.Invalid(node, _("年度不得晚于本年度"))


_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)


class YearMonth:
    """A month written ``YYYY-MM``, from ``earliest`` up to the current month."""

    def __init__(self, earliest=DEFAULT_EARLIEST_DATE, today=None):
        self.earliest = earliest
        self.today = today

    def __call__(self, node, value):
        match = _YEAR_MONTH.fullmatch(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise colander.Invalid(node, _("月份格式应为“年-月”，例如 2024-05"))
        first = datetime.date(int(match.group(1)), int(match.group(2)), 1)
        if first < self.earliest.replace(day=1):
            raise colander.Invalid(node, f"月份不得早于{self.earliest.year}年{self.earliest.month}月")
        if first > resolve_today(node, self.today).replace(day=1):
            raise colander.Invalid(node, _("月份不得晚于本月"))


# --- identity numbers ---------------------------------------------------------

#: Weights of the 17 body digits: 2**(17 - i) mod 11 for i = 0..16 (ISO 7064 MOD 11-2).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

#: Check character for each remainder (weighted sum mod 11) 0..10.
ID_CHECK_CHARACTERS = "10X98765432"

_ID_SHAPE = re.compile(r"^\d{17}[\dXx]$", re.ASCII)


def id_check_character(body):
    """Return the GB 11643-1999 check character for the 17-digit ``body``."""
    if len(body) != 17 or not (body.isascii() and body.isdigit()):
        raise ValueError("body must be 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS))
    return ID_CHECK_CHARACTERS[total % 11]


class IdNumber:
    """An 18-character 居民身份证号 (GB 11643-1999).

    Checks, in order: shape (17 digits and a digit or X/x), the region code
    (a known province prefix, and not a bare province code ``xx0000``),
    the birth date (a real date, not before 1900-01-01, not after today),
    and the check character.  The first failure is reported.
    """

    def __init__(self, today=None):
        self.today = today

    def __call__(self, node, value):
        if not _ID_SHAPE.fullmatch(value):
            raise colander.Invalid(node, _("居民身份证号码应为18位，前17位为数字，最后一位为数字或X"))
        region = value[:6]
        if region[:2] not in PROVINCE_CODES or region[2:] == "0000":
            raise colander.Invalid(node, _("居民身份证号码的前6位不是有效的行政区划代码"))
        try:
            born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        except ValueError:
            raise colander.Invalid(node, _("居民身份证号码中的出生日期无效")) from None
        if born < EARLIEST_BIRTH_DATE or born > resolve_today(node, self.today):
            raise colander.Invalid(node, _("居民身份证号码中的出生日期无效"))
        if id_check_character(value[:17]) != value[17].upper():
            raise colander.Invalid(node, _("居民身份证号码校验位不正确，请核对"))


# --- telephone numbers and postal codes ------------------------------------------

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$", re.ASCII)

#: Area code 0xx or 0xxx, optional '-', a 7-8 digit number not starting
#: with 0 or 1, optional extension written '-123', '转123' or '#123'.
LANDLINE_PATTERN = re.compile(r"^0[1-9]\d{1,2}-?[2-9]\d{6,7}(?:(?:-|转|#)\d{1,6})?$", re.ASCII)

POSTAL_CODE_PATTERN = re.compile(r"^\d{6}$", re.ASCII)


def mobile(node, value):
    """A mainland mobile number: 11 digits, ``1[3-9]`` then 9 digits."""
    if not MOBILE_PATTERN.fullmatch(value):
        raise colander.Invalid(node, _("手机号码应为以1开头的11位数字"))


def landline(node, value):
    """A landline with area code, e.g. ``0371-67188888`` or ``037167188888转123``."""
    if not LANDLINE_PATTERN.fullmatch(value):
        raise colander.Invalid(node, _("固定电话应含区号，例如 0371-67188888，分机号可写作“-123”或“转123”"))


def phone(node, value):
    """Either a mobile number or a landline."""
    if not (MOBILE_PATTERN.fullmatch(value) or LANDLINE_PATTERN.fullmatch(value)):
        raise colander.Invalid(node, _("请填写11位手机号码或带区号的固定电话"))


def postal_code(node, value):
    """A six-digit postal code."""
    if not POSTAL_CODE_PATTERN.fullmatch(value):
        raise colander.Invalid(node, _("邮政编码应为6位数字"))
