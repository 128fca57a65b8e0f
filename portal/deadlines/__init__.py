"""The statutory deadline engine (pure: no web code, no clock reads in the logic).

Times are Asia/Shanghai through ``portal.clock`` (the portal's one clock and zone).

Modules:

* ``rules``            the counting rules (``Rule``) and their contracts;
* ``limits``           the declared, validated table ``LIMITS`` (``Limit``, ``get_limit``, ``validate``);
* ``holiday_calendar`` the persistent, editable ``HolidayCalendar`` with its edit log;
* ``seeding``          seeding it from ``chinese-calendar`` (``seed_calendar``, ``seeded_calendar``);
* ``counting``         ``compute_due``: limit + trigger + calendar -> immutable ``DueDate``;
* ``due``              the ``DueDate`` value and its Chinese explanation;
* ``levels``           warning levels (``level_for``, ``LevelThresholds``);
* ``deadline``         the persistent ``Deadline`` stored on a case;
* ``recompute``        ``recompute_open`` after a calendar edit;
* ``errors``           Chinese-message errors.
"""

from .counting import compute_due
from .deadline import Consent, Deadline, DeadlineLogEntry, Extension, Override, Pause
from .due import PROVISIONAL_MARK, DueDate
from .errors import DeadlineError, LimitDefinitionError, UnknownLimit
from .holiday_calendar import CalendarEdit, HolidayCalendar
from .levels import (
    DEFAULT_THRESHOLDS,
    DUE_SOON,
    DUE_TODAY,
    LEVELS,
    NORMAL,
    OVERDUE,
    PAUSED,
    LevelThresholds,
    WarningLevel,
    level_for,
)
from .limits import LIMITS, Limit, get_limit, validate
from .recompute import Recomputed, recompute_open
from .rules import Rule
from .seeding import seed_calendar, seeded_calendar, supported_years

__all__ = [
    "compute_due",
    "Consent",
    "Deadline",
    "DeadlineLogEntry",
    "Extension",
    "Override",
    "Pause",
    "DueDate",
    "PROVISIONAL_MARK",
    "DeadlineError",
    "LimitDefinitionError",
    "UnknownLimit",
    "CalendarEdit",
    "HolidayCalendar",
    "DEFAULT_THRESHOLDS",
    "DUE_SOON",
    "DUE_TODAY",
    "LEVELS",
    "NORMAL",
    "OVERDUE",
    "PAUSED",
    "LevelThresholds",
    "WarningLevel",
    "level_for",
    "LIMITS",
    "Limit",
    "get_limit",
    "validate",
    "Recomputed",
    "recompute_open",
    "Rule",
    "seed_calendar",
    "seeded_calendar",
    "supported_years",
]
