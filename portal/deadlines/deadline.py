"""The persistent deadline a case carries.

Contract:

* A ``Deadline`` holds a declared limit (by code), the trigger, its pauses, at most
  one extension (handling only, at most ``LIMITS['extension'].amount`` days), an
  optional override date set by a higher body, the consents by which that body moved
  its date (``consents``), and the current ``due`` value (an immutable ``DueDate``).
* A date set by a higher body is extended only with that body's recorded consent
  (``extend_with_consent``: a later date, who consented, the record, when); the
  statutory extension (``extend``) does not apply to it.
* ``retrigger`` moves the trigger when the law counts from a later event than the
  step that started the deadline (the review window counts from delivery of the
  reply, 送达); it is logged like every change.
* Every change (creation, recompute, pause, resume, extension, override,
  completion) appends an immutable ``DeadlineLogEntry`` to an append-only log
  (old due -> new due, calendar version); ``log`` returns a tuple.
* Pauses exclude time: a closed pause from ``start`` to ``end`` (end exclusive)
  extends the due date (see ``counting``). While a pause is open the due value is
  not changed and ``level()`` reports ``paused``. A paused deadline must be
  resumed before it is completed.
* ``complete(on)`` stops the deadline; ``met_late`` says whether it was met after
  the due date (after ``due_at`` for hour limits). A stopped deadline has no level
  and is not recomputed.
* Refused operations raise ``DeadlineError`` with a Chinese message.
"""

from dataclasses import dataclass
from datetime import date, datetime

from persistent import Persistent

from portal.clock import as_date, format_date, stamp, to_shanghai

from .counting import compute_due, normalize_trigger
from .errors import DeadlineError
from .levels import DEFAULT_THRESHOLDS, PAUSED, level_for
from .limits import LIMITS, get_limit
from .rules import Rule


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None  # exclusive; None while the pause is open
    reason: str


@dataclass(frozen=True)
class Extension:
    days: int
    reason: str
    approved_by: str


@dataclass(frozen=True)
class Override:
    due_date: date
    by: str  # the higher body that set the date
    reason: str


@dataclass(frozen=True)
class Consent:
    """A higher body's agreement to extend the date it set (一事一记)."""

    due_date: date  # the new date
    by: str  # the body that consented
    record: str  # how it is on file: 文号, or 电话记录 with who and when
    consented_on: date
    reason: str


@dataclass(frozen=True)
class DeadlineLogEntry:
    at: datetime
    actor: str
    action: str  # created | recomputed | paused | resumed | extended | overridden | retriggered | completed
    description: str  # Chinese
    old_due: date | datetime | None
    new_due: date | datetime | None
    calendar_version: int | None


class Deadline(Persistent):
    """A statutory deadline on a case, stored in ZODB."""

    consents = ()  # deadlines stored before consents were recorded have none

    def __init__(self, limit, trigger, calendar, *, actor: str, at: datetime | None = None):
        limit = get_limit(limit)
        self.limit_code = limit.code
        self.trigger = normalize_trigger(limit, trigger)
        self.pauses = ()
        self.extension = None
        self.override = None
        self.consents = ()
        self.completed_on = None
        self.due = None
        self._log = ()
        self._refresh(calendar, "created", "创建期限", actor, at)

    # ---- state ---------------------------------------------------------
    @property
    def limit(self):
        return get_limit(self.limit_code)

    @property
    def log(self) -> tuple:
        return self._log

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def provisional(self) -> bool:
        """True while open with a due date counted through a year without holiday data."""
        return self.is_open and self.due.provisional

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def met_late(self) -> bool | None:
        """None while open; True if completed after the due date (or due time)."""
        if self.completed_on is None:
            return None
        if self.due.due_at is not None and isinstance(self.completed_on, datetime):
            return self.completed_on > self.due.due_at
        return as_date(self.completed_on) > self.due.due_date

    def level(self, today: date, now: datetime | None = None, thresholds=DEFAULT_THRESHOLDS):
        """The ``WarningLevel`` on ``today``; ``PAUSED`` while paused; None once completed."""
        if not self.is_open:
            return None
        if self.is_paused:
            return PAUSED
        return level_for(self.due, today, now, thresholds)

    # ---- operations ----------------------------------------------------
    def recompute(self, calendar, *, actor: str = "system", at: datetime | None = None) -> bool:
        """Recompute with ``calendar`` and log it; True if the due value changed."""
        self._require_open()
        old = self.due
        self._refresh(calendar, "recomputed", "重新计算期限", actor, at)
        return old.value != self.due.value

    def pause(self, on: date, *, reason: str, actor: str, at: datetime | None = None) -> None:
        """Stop the clock from ``on`` (that day is excluded) until ``resume``."""
        self._require_open()
        if not self.limit.rule.pausable:
            raise DeadlineError(f"{self.limit.title}时限不适用暂停")
        if self.is_paused:
            raise DeadlineError(f"期限已于 {format_date(self.pauses[-1].start)} 暂停，请先恢复计时")
        if self.override is not None:
            raise DeadlineError("该期限由上级机关指定，不因暂停顺延")
        on = self._check_date(on)
        if on <= as_date(self.trigger) or (self.pauses and on < self.pauses[-1].end):
            raise DeadlineError("暂停日期须晚于起算日和上次恢复日期")
        if not reason:
            raise DeadlineError("请填写暂停理由（不计入期限的事由）")
        self.pauses = self.pauses + (Pause(on, None, reason),)
        self._append(actor, at, "paused", f"自 {format_date(on)} 起暂停计时：{reason}", self.due.value)

    def resume(self, on: date, calendar, *, actor: str, at: datetime | None = None) -> None:
        """Restart the clock on ``on``; the days from the pause up to ``on`` extend the due date."""
        self._require_open()
        if not self.is_paused:
            raise DeadlineError("期限未处于暂停状态")
        on = self._check_date(on)
        last = self.pauses[-1]
        if on < last.start:
            raise DeadlineError("恢复日期不能早于暂停日期")
        self.pauses = self.pauses[:-1] + (Pause(last.start, on, last.reason),)
        self._refresh(calendar, "resumed", f"自 {format_date(on)} 起恢复计时", actor, at)

    def extend(
        self, days: int, calendar, *, reason: str, approved_by: str, actor: str, at: datetime | None = None
    ) -> None:
        """Apply the one extension of the handling deadline (at most 30 days)."""
        self._require_open()
        most = LIMITS["extension"].amount
        if self.limit_code != "handling":
            raise DeadlineError("只有办理期限可以延期")
        if self.override is not None:
            raise DeadlineError("该期限由上级机关指定，延期须经交办机关同意后重新指定期限")
        if self.extension is not None:
            raise DeadlineError(f"办理期限只能延期一次，本事项已延期{self.extension.days}日，不得再次延期")
        if type(days) is not int or days <= 0:
            raise DeadlineError("延期天数须为正整数")
        if days > most:
            raise DeadlineError(f"延长期限不得超过{most}日")
        if not reason:
            raise DeadlineError("请填写延期理由（须告知信访人）")
        if not approved_by:
            raise DeadlineError("延期须经上级批准，请填写批准人")
        self.extension = Extension(days, reason, approved_by)
        self._refresh(calendar, "extended", f"经{approved_by}批准延期{days}日：{reason}", actor, at)

    def set_override(
        self, due_date: date, calendar, *, by: str, reason: str = "", actor: str, at: datetime | None = None
    ) -> None:
        """Replace the default limit by the date a higher body set."""
        self._require_open()
        if not by:
            raise DeadlineError("请填写指定期限的上级机关")
        due_date = self._check_date(due_date)
        self.override = Override(due_date, by, reason)
        note = f"：{reason}" if reason else ""
        self._refresh(calendar, "overridden", f"{by}指定期限至 {format_date(due_date)}{note}", actor, at)

    def extend_with_consent(
        self,
        due_date: date,
        calendar,
        *,
        by: str,
        record: str,
        consented_on: date,
        reason: str,
        actor: str,
        at: datetime | None = None,
    ) -> None:
        """Move the date a higher body set to ``due_date``, with that body's recorded consent."""
        self._require_open()
        if self.override is None:
            raise DeadlineError("该期限不是上级机关指定的期限，请按延期审批办理")
        due_date = self._check_date(due_date)
        if due_date <= self.override.due_date:
            raise DeadlineError(f"延期后的期限须晚于原期限 {format_date(self.override.due_date)}")
        if not by or not record:
            raise DeadlineError("请填写同意延期的上级机关和同意记录（文号或电话记录）")
        consented_on = self._check_date(consented_on)
        if not reason:
            raise DeadlineError("请填写延期理由")
        consent = Consent(due_date, by, record, consented_on, reason)
        self.consents = self.consents + (consent,)
        self.override = Override(due_date, self.override.by, self.override.reason)
        self._refresh(
            calendar,
            "extended",
            f"经{by}同意（{record}，{format_date(consented_on)}）延期至 {format_date(due_date)}：{reason}",
            actor,
            at,
        )

    def retrigger(self, trigger, calendar, *, reason: str, actor: str, at: datetime | None = None) -> None:
        """Count from ``trigger`` instead, e.g. the day the reply was delivered."""
        self._require_open()
        trigger = normalize_trigger(self.limit, trigger)
        if self.pauses:
            raise DeadlineError("期限已暂停过，不能再改起算日")
        if not reason:
            raise DeadlineError("请说明改变起算日的原因")
        self.trigger = trigger
        self._refresh(calendar, "retriggered", f"起算日改为 {format_date(trigger)}（{reason}）", actor, at)

    def complete(self, on, *, actor: str, at: datetime | None = None) -> None:
        """Stop the deadline as met on ``on`` (a datetime for hour limits)."""
        self._require_open()
        if self.is_paused:
            raise DeadlineError("期限处于暂停状态，请先恢复计时再办结")
        if self.limit.rule is Rule.HOURS:
            if not isinstance(on, datetime):
                raise DeadlineError("请填写报送的具体时间（时、分）")
            on = to_shanghai(on)
        elif isinstance(on, datetime):
            on = as_date(on)
        else:
            on = self._check_date(on)
        self.completed_on = on
        late = "，已超期" if self.met_late else ""
        self._append(actor, at, "completed", f"已办结{late}", self.due.value)

    # ---- helpers -------------------------------------------------------
    def _refresh(self, calendar, action, description, actor, at) -> None:
        old = self.due
        new = compute_due(
            self.limit_code,
            self.trigger,
            calendar,
            pauses=tuple((p.start, p.end) for p in self.pauses if p.end is not None),
            extension_days=self.extension.days if self.extension else 0,
            override_date=self.override.due_date if self.override else None,
            override_by=self.override.by if self.override else "",
        )
        self.due = new
        old_text = old.display if old is not None else "无"
        text = f"{description}：{old_text} → {new.display}（节假日设置第{calendar.version}版）"
        self._append(
            actor, at, action, text, new.value, old.value if old is not None else None, calendar.version
        )

    def _append(self, actor, at, action, description, new_due, old_due=..., calendar_version=None):
        if not actor:
            raise DeadlineError("请记录操作人")
        if old_due is ...:
            old_due = new_due
        entry = DeadlineLogEntry(stamp(at), actor, action, description, old_due, new_due, calendar_version)
        self._log = self._log + (entry,)

    def _require_open(self):
        if not self.is_open:
            raise DeadlineError("期限已办结，不能再修改")

    @staticmethod
    def _check_date(value) -> date:
        if isinstance(value, datetime) or not isinstance(value, date):
            raise DeadlineError("请填写日期（年-月-日）")
        return value
