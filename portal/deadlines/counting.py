"""Computing due values from a limit, a trigger and the holiday calendar.

Contract: ``compute_due`` is pure apart from reading ``calendar``; it returns a new
immutable ``DueDate`` and never changes its inputs. The counting rules are those
documented in ``rules``. Additions, in this order:

1. closed pauses (``pauses``: ``(start, end)`` pairs, end exclusive) add the
   excluded time to the amount before counting: calendar days for
   ``CALENDAR_DAYS``, the working days inside each pause for ``WORKING_DAYS``;
   other rules cannot be paused;
2. an extension (``extension_days``, handling only) counts calendar days from
   the day after the (moved) handling due date, and is moved off a rest day the
   same way;
3. an override date set by a higher body replaces the result entirely; the
   explanation quotes the default it replaced. Pauses and extensions do not move it.

Every year whose days were consulted and that has no holiday data adds its
Chinese warning to ``DueDate.warnings``. The explanation and the warnings are also kept as
message parts (``DueDate.steps``, ``warning_steps``; see ``portal.i18n.parts``) for readers of another
language.
"""

from datetime import date, datetime, timedelta

from portal.clock import as_date, format_date, format_datetime, to_shanghai
from portal.i18n import _
from portal.i18n.parts import part, term

from .due import DueDate
from .errors import DeadlineError
from .holiday_calendar import DAY_KIND_TITLES, MAKEUP_WORKING_DAY, WORKING_DAY
from .limits import get_limit
from .rules import Rule

MAX_SCAN_DAYS = 3660  # a calendar with no working day for ten years is broken


class _Probe:
    """Reads the calendar and remembers which years it looked at."""

    def __init__(self, calendar):
        self.calendar = calendar
        self.years = set()

    def kind(self, day: date) -> str:
        self.years.add(day.year)
        return self.calendar.day_kind(day)

    def working(self, day: date) -> bool:
        return self.kind(day) in (WORKING_DAY, MAKEUP_WORKING_DAY)

    def warnings(self) -> tuple:
        """The warnings of the years without holiday data, as message parts."""
        found = (self.calendar.missing_data_part(year) for year in sorted(self.years))
        return tuple(p for p in found if p)


def _move_off_rest_day(probe: _Probe, day: date) -> tuple[date, tuple]:
    """The due date for a last day ``day`` (moved past rest days) and the parts explaining it."""
    kind = probe.kind(day)
    if kind == WORKING_DAY:
        return day, ()
    if kind == MAKEUP_WORKING_DAY:
        return day, (part(_("，为调休上班日，不顺延")),)
    moved = day
    for _i in range(MAX_SCAN_DAYS):
        moved += timedelta(days=1)
        if probe.working(moved):
            note = part(
                _("，为${kind}，顺延至 ${moved}"), kind=term(DAY_KIND_TITLES[kind]), moved=format_date(moved)
            )
            return moved, (note,)
    raise DeadlineError("节假日设置有误：长期没有工作日，请管理员检查")


def _nth_working_day(probe: _Probe, start: date, count: int) -> tuple[date, list]:
    """The ``count``-th working day after ``start`` and the make-up days counted on the way."""
    day, counted, makeup = start, 0, []
    for _i in range(MAX_SCAN_DAYS):
        if counted == count:
            return day, makeup
        day += timedelta(days=1)
        kind = probe.kind(day)
        if kind in (WORKING_DAY, MAKEUP_WORKING_DAY):
            counted += 1
            if kind == MAKEUP_WORKING_DAY:
                makeup.append(day)
    raise DeadlineError("节假日设置有误：长期没有工作日，请管理员检查")


def _paused_units(rule: Rule, probe: _Probe, pauses) -> int:
    total = 0
    for start, end in pauses:
        if end < start:
            raise DeadlineError("恢复日期不能早于暂停日期")
        if rule is Rule.CALENDAR_DAYS:
            total += (end - start).days
        else:
            total += sum(probe.working(start + timedelta(days=i)) for i in range((end - start).days))
    return total


def _base(limit, trigger, probe, paused):
    """(due_date, due_at, nominal, parts) for the limit itself (parts: ``portal.i18n.parts``)."""
    label, amount, rule = term(limit.trigger_label), limit.amount, limit.rule
    if rule is Rule.HOURS:
        due_at = trigger + timedelta(hours=amount)
        text = part(
            _("${label} ${trigger} + ${amount}小时 = ${due}（按自然时间连续计算，节假日不顺延）"),
            label=label,
            trigger=format_datetime(trigger),
            amount=amount,
            due=format_datetime(due_at),
        )
        return due_at.date(), due_at, None, (text,)
    start = {"label": label, "trigger": format_date(trigger), "amount": amount}
    if rule is Rule.SAME_DAY:
        text = part(
            _("${label} ${trigger}，紧急事项当日办理，期限至 ${trigger} 24时（节假日不顺延）"), **start
        )
        return trigger, None, None, (text,)
    if rule is Rule.DAY_OF_MONTH:
        nominal = trigger.replace(day=amount)
        due, note = _move_off_rest_day(probe, nominal)
        text = part(
            _("${label} ${month}：每月${amount}日 = ${nominal}"),
            label=label,
            month=f"{trigger:%Y-%m}",
            amount=amount,
            nominal=format_date(nominal),
        )
        return due, None, nominal, (text, *note)
    if rule is Rule.CALENDAR_DAYS:
        nominal = trigger + timedelta(days=amount + paused)
        due, note = _move_off_rest_day(probe, nominal)
        if paused:
            msgid = _("${label} ${trigger} + ${amount}日 + 暂停不计 ${paused}日 = ${nominal}")
        else:
            msgid = _("${label} ${trigger} + ${amount}日 = ${nominal}")
        text = part(msgid, nominal=format_date(nominal), **start, **({"paused": paused} if paused else {}))
        return due, None, nominal, (text, *note)
    due, makeup = _nth_working_day(probe, trigger, amount + paused)
    extra = tuple(part(_("；${day} 为调休上班日，计入"), day=format_date(d)) for d in makeup)
    if paused:
        msgid = _(
            "${label} ${trigger} + ${amount}个工作日 + 暂停不计 ${paused}个工作日 = ${due}（节假日、休息日不计${makeup}）"
        )
    else:
        msgid = _("${label} ${trigger} + ${amount}个工作日 = ${due}（节假日、休息日不计${makeup}）")
    text = part(msgid, due=format_date(due), makeup=extra, **start, **({"paused": paused} if paused else {}))
    return due, None, due, (text,)


def normalize_trigger(limit, trigger):
    """The trigger as the rule needs it: an aware Shanghai datetime for hours, else a date."""
    limit = get_limit(limit)
    if limit.rule is Rule.HOURS:
        if not isinstance(trigger, datetime):
            raise DeadlineError(f"{limit.title}须填写{limit.trigger_label}（具体到时、分）")
        return to_shanghai(trigger)
    try:
        return as_date(trigger)
    except TypeError:
        raise DeadlineError(f"请填写{limit.trigger_label}（年-月-日）") from None


def compute_due(
    limit,
    trigger,
    calendar,
    *,
    pauses=(),
    extension_days: int = 0,
    override_date: date | None = None,
    override_by: str = "",
) -> DueDate:
    """The due value for ``limit`` (code or ``Limit``) triggered at ``trigger``."""
    limit = get_limit(limit)
    trigger = normalize_trigger(limit, trigger)
    pauses = tuple(pauses)
    if pauses and not limit.rule.pausable:
        raise DeadlineError(f"{limit.title}时限不适用暂停")
    if extension_days and limit.code != "handling":
        raise DeadlineError("只有办理期限可以延期")
    probe = _Probe(calendar)
    paused = _paused_units(limit.rule, probe, pauses)
    due, due_at, nominal, steps = _base(limit, trigger, probe, paused)
    if extension_days:
        end = due + timedelta(days=extension_days)
        due, note = _move_off_rest_day(probe, end)
        nominal = end
        extended = part(
            _("；经批准延期${days}日：${start} + ${days}日 = ${end}"),
            days=extension_days,
            start=format_date(end - timedelta(days=extension_days)),
            end=format_date(end),
        )
        steps += (extended, *note)
    warnings = probe.warnings()
    overridden = override_date is not None
    if overridden:
        if isinstance(override_date, datetime) or not isinstance(override_date, date):
            raise DeadlineError("上级机关指定的期限须为日期（年-月-日）")
        values = {"due": format_date(override_date), "default": steps}
        if override_by:
            steps = (
                part(
                    _("上级机关（${by}）指定期限至 ${due}，不适用默认时限（${default}）"),
                    by=override_by,
                    **values,
                ),
            )
        else:
            steps = (part(_("上级机关指定期限至 ${due}，不适用默认时限（${default}）"), **values),)
        due, due_at, nominal, warnings = override_date, None, None, ()
    return DueDate(
        limit_code=limit.code,
        rule=limit.rule.value,
        amount=limit.amount,
        trigger=trigger,
        due_date=due,
        calendar_version=calendar.version,
        due_at=due_at,
        nominal_date=nominal,
        paused_days=paused,
        extension_days=extension_days,
        overridden=overridden,
        steps=steps,
        warning_steps=warnings,
    )
