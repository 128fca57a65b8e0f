"""Time zone and clock helpers.

Contract: the engine works in Asia/Shanghai. Logic never reads the clock itself;
only a ``None`` default for a log timestamp is resolved through ``now()``.
Warning levels always need ``today`` (and ``now`` for hour limits) passed in.

Stored datetimes: ZODB's pickler cannot store ``ZoneInfo`` objects, so every
datetime the engine keeps (triggers, due times, log stamps) is converted through
``SHANGHAI`` and then carries a fixed-offset ``datetime.timezone`` equal to
Asia/Shanghai's offset at that moment (+08:00). Its ``.date()`` is the Shanghai
date, and it compares equal to the same instant in any zone.
"""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current time in Shanghai, storable (used only to stamp log entries)."""
    return to_shanghai(datetime.now(SHANGHAI))


def to_shanghai(moment: datetime) -> datetime:
    """A storable aware datetime at Shanghai local time; a naive one is taken as Shanghai time."""
    local = moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment.astimezone(SHANGHAI)
    return local.astimezone(timezone(local.utcoffset()))


def as_date(value) -> date:
    """The Shanghai calendar date of a date or datetime."""
    if isinstance(value, datetime):
        return to_shanghai(value).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected date or datetime, got {type(value).__name__}")


def stamp(at) -> datetime:
    """A log timestamp: ``at`` made aware in Shanghai, or the current time if ``None``."""
    return now() if at is None else to_shanghai(at)


def format_date(value: date) -> str:
    """Dates in user texts: 2026-05-06."""
    return value.isoformat()


def format_datetime(value: datetime) -> str:
    """Times in user texts: 2026-05-01 10:30 (Shanghai time)."""
    return to_shanghai(value).strftime("%Y-%m-%d %H:%M")
