"""The portal's one clock: the current time and date in China Standard Time (Asia/Shanghai).

Contract:

* Every part of the portal asks this module for the current moment (:func:`now`) or date
  (:func:`today`); nothing else reads the system clock for a date or a time of day, and
  nothing else names a time zone. (Durations such as throttle windows and session ages are
  not dates and may use ``time.time``.)
* :func:`now` returns a *storable* aware datetime at Shanghai local time (see below);
  :func:`today` is its calendar date. Both follow the clock's source, which tests replace
  with :func:`use` (``portal.testing.clock.FixedClock`` is the suite's).
* People see Shanghai time only: :func:`format_date`, :func:`format_datetime` and
  :func:`format_date_cn` convert any aware datetime (stored in UTC by older code, or +08:00)
  before formatting; a naive datetime is taken as Shanghai time.

Stored datetimes: ZODB's pickler cannot store ``ZoneInfo`` objects, so every datetime the
portal keeps is converted through :data:`SHANGHAI` and then carries a fixed-offset
``datetime.timezone`` equal to Asia/Shanghai's offset at that moment (+08:00). Its ``.date()``
is the Shanghai date, and it compares equal to the same instant in any zone.
"""

from datetime import UTC, date, datetime, time, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: The earliest aware moment: sorts before every stored datetime (e.g. a missing stamp).
EPOCH = datetime.min.replace(tzinfo=UTC)


def _system_now() -> datetime:
    return datetime.now(SHANGHAI)


_source = _system_now


def use(source):
    """Read the time from ``source()`` (an aware datetime) from now on; returns the previous
    source so a caller can restore it. ``use(None)`` goes back to the system clock. Tests only."""
    global _source
    previous = _source
    _source = source or _system_now
    return previous


def now() -> datetime:
    """The current moment, as a storable Shanghai datetime (fixed +08:00 offset)."""
    return to_shanghai(_source())


def today() -> date:
    """Today's date in Shanghai."""
    return now().date()


def to_shanghai(moment: datetime) -> datetime:
    """A storable aware datetime at Shanghai local time; a naive one is taken as Shanghai time."""
    local = moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment.astimezone(SHANGHAI)
    return local.astimezone(timezone(local.utcoffset()))


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """The storable Shanghai moment of ``hour:minute`` on ``day``."""
    return to_shanghai(datetime.combine(day, time(hour, minute)))


def from_timestamp(seconds: float) -> datetime:
    """Unix time (e.g. a receipt from an SMS gateway) as a storable Shanghai datetime."""
    return to_shanghai(datetime.fromtimestamp(seconds, UTC))


def utc_day(seconds: float) -> str:
    """The UTC calendar date of Unix time ``seconds`` (2026-11-30), for protocols that sign
    requests with it (Tencent Cloud's TC3); never shown to people."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d")


def as_date(value) -> date:
    """The Shanghai calendar date of a date or datetime."""
    if isinstance(value, datetime):
        return to_shanghai(value).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected date or datetime, got {type(value).__name__}")


def stamp(at_moment) -> datetime:
    """A log timestamp: ``at_moment`` made aware in Shanghai, or the current time if ``None``."""
    return now() if at_moment is None else to_shanghai(at_moment)


def minutes(moment: datetime) -> datetime:
    """``moment`` in Shanghai without seconds: what a time field shows and a browser accepts."""
    return to_shanghai(moment).replace(second=0, microsecond=0)


def format_date(value) -> str:
    """Tables and texts: 2026-11-26 for a date, 2026-11-26 10:30 (Shanghai) for a datetime,
    '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    return value.strftime("%Y-%m-%d")


def format_datetime(value: datetime) -> str:
    """Times in user texts: 2026-05-01 10:30 (Shanghai time)."""
    return to_shanghai(value).strftime("%Y-%m-%d %H:%M")


def format_month_day_time(value: datetime) -> str:
    """Notices within the year: 1月20日 09:30 (Shanghai; no leading zero on month or day)."""
    return "{month}月{day}日 {time}".format(**month_day_time(value))


def month_day_time(value: datetime) -> dict:
    """``month``, ``day`` and ``time`` of ``value`` in Shanghai (1, 20, 09:30): the values of a
    message that names the moment in the reader's language."""
    local = to_shanghai(value)
    return {"month": local.month, "day": local.day, "time": f"{local:%H:%M}"}


def format_date_cn(value) -> str:
    """Prose and printed documents: 2026年11月26日 (the Shanghai date of a datetime)."""
    value = as_date(value)
    return f"{value.year}年{value.month}月{value.day}日"


def isoformat(value: datetime) -> str:
    """RFC 3339 with the +08:00 offset, for machines (feeds): 2026-11-26T10:30:00+08:00."""
    return to_shanghai(value).isoformat(timespec="seconds")
