"""The computed due value.

Contract: a ``DueDate`` is immutable (a frozen dataclass) and self-describing: it
stores the limit, its rule and amount, the trigger, the calendar version used,
the resulting ``due_date`` (and ``due_at`` for hour limits), any days added by
pauses or an extension, whether a higher body's date overrode the limit, and a
Chinese ``explanation`` such as
``受理日 2026-03-02 + 60日 = 2026-05-01，为法定节假日，顺延至 2026-05-06``.
``warnings`` holds Chinese warnings (a year without holiday data) that the
portal must show with the date; while there are any the date is ``provisional``
(暂定): ``display`` says so, and a recompute after the year is entered drops it. ``ends_at`` is the exclusive end moment: the
next midnight (24:00 of the due day) for day limits, ``due_at`` for hour limits.

The explanation and warnings are stored once, as message parts (``steps`` and
``warning_steps``, ``portal.i18n.parts``, plain tuples); ``explanation`` and ``warnings`` read
them in Chinese, ``full_text_in(translate)`` and ``display_in(translate)`` in the reader's
language. A ``DueDate`` stored before the parts existed has none (the class defaults, ``()``)
and its Chinese texts in its ``__dict__``: it is read as stored.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.clock import at, format_date, format_datetime
from portal.i18n import _
from portal.i18n.parts import render

#: What follows a due date counted through a year without holiday data.
PROVISIONAL_MARK = _("（暂定）")


@dataclass(frozen=True)
class DueDate:
    limit_code: str
    rule: str
    amount: int
    trigger: date | datetime
    due_date: date
    calendar_version: int
    steps: tuple = ()  # the explanation as message parts
    due_at: datetime | None = None
    nominal_date: date | None = None  # the last day before moving off a rest day
    paused_days: int = 0
    extension_days: int = 0
    overridden: bool = False
    warning_steps: tuple = ()  # the warnings as message parts

    # The Chinese texts are read from the parts, not stored a second time (about 280 bytes
    # of every stored DueDate). One pickled before the parts existed holds the texts
    # themselves in its ``__dict__`` (a property wins over it, so it is read from there).

    @property
    def explanation(self) -> str:
        """The Chinese explanation: 受理日 2026-03-02 + 60日 = 2026-05-01，…"""
        return self.__dict__.get("explanation") or render(self.steps)

    @property
    def warnings(self) -> tuple:
        """The Chinese warnings (a year without holiday data), one text each."""
        if "warnings" in self.__dict__:
            return self.__dict__["warnings"]
        return tuple(render((w,)) for w in self.warning_steps)

    @property
    def value(self) -> date | datetime:
        """``due_at`` for hour limits, ``due_date`` otherwise."""
        return self.due_at if self.due_at is not None else self.due_date

    @property
    def ends_at(self) -> datetime:
        if self.due_at is not None:
            return self.due_at
        return at(self.due_date + timedelta(days=1))

    @property
    def provisional(self) -> bool:
        """True when the count ran through a year without holiday data (``warnings`` names it)."""
        return bool(self.warnings)

    @property
    def date_text(self) -> str:
        """The due value alone: 2026-05-06, or 2026-05-01 11:30."""
        return format_datetime(self.due_at) if self.due_at is not None else format_date(self.due_date)

    @property
    def display(self) -> str:
        """The due value as users read it: 2026-05-06, 2026-05-01 11:30, or 2027-02-08（暂定）."""
        return f"{self.date_text}{PROVISIONAL_MARK}" if self.provisional else self.date_text

    def display_in(self, translate) -> str:
        """``display`` in the reader's language (``translate``: ``request.localizer.translate``)."""
        return f"{self.date_text}{translate(PROVISIONAL_MARK)}" if self.provisional else self.date_text

    @property
    def full_text(self) -> str:
        """The explanation followed by any warnings, for one-line display."""
        return "；".join((self.explanation, *self.warnings))

    def full_text_in(self, translate) -> str:
        """``full_text`` in the reader's language; a ``DueDate`` stored without its parts reads
        as stored (Chinese)."""
        if not self.steps:
            return self.full_text
        warnings = (render((w,), translate) for w in self.warning_steps)
        return translate(_("；")).join((render(self.steps, translate), *warnings))
