"""Deadline badges (UI.md): 正常, 即将到期, 今日到期, 已超期, 已暂停, with the due date explained.

Contract: ``badge(request, deadline, today=None, now=None, done="办结", late="超期办结")`` returns
a dict with

* ``code``        the warning level code (``normal``, ``due_soon``, ``due_today``, ``overdue``,
                  ``paused``), or ``completed`` once the deadline is met;
All texts are in the request's language (``request.localizer``; Chinese without a request).

* ``title``       the label (已办结 / 超期办结 for completed deadlines; a deadline met by
                  another act names it: ``done="报送", late="逾期报送"`` gives 已报送 / 逾期报送);
* ``css_class``   ``deadline-<code>`` (portal.css); completed deadlines use ``deadline-normal``;
* ``explanation`` Chinese: how the due date was computed, any calendar warnings (e.g. a year
                  without holiday data), and where the deadline stands today;
* ``due_text``    the due value as users read it (2026-05-06, or 2026-05-01 11:30), followed by
                  （暂定） while it is provisional (an open deadline counted through a year
                  without holiday data; see ``DueDate.provisional``);
* ``provisional`` that flag.

``today`` defaults to the portal clock's date (Asia/Shanghai) and ``now`` to its time
(``now`` only matters for hour limits; when ``today`` is given and ``now`` is not, the hour is
ignored). Thresholds come from the application's settings (``thresholds(request.registry)``).

Templates use the macros of ``templates/badge.pt`` (``badge`` and ``badge_with_date``), which
read a ``deadline`` variable; every renderer gets that file as ``deadline_badges``::

    <tal:d define="deadline case.deadlines['handling']">
      <metal:b use-macro="deadline_badges.macros['badge']"/>
    </tal:d>
"""

from datetime import date, datetime

from translationstring import TranslationString

from portal import clock
from portal.clock import format_date
from portal.deadlines import DEFAULT_THRESHOLDS, PAUSED
from portal.i18n import _, chinese

from .settings import thresholds

COMPLETED = "completed"
BADGE_TEMPLATE = "portal.time_limits:templates/badge.pt"


def earliest_open(obj):
    """The open deadline of ``obj`` (anything with ``deadlines``) due first, or None."""
    open_ = [d for d in getattr(obj, "deadlines", {}).values() if d.is_open]
    return min(open_, key=lambda d: d.due.due_date, default=None)


#: What a completed deadline says, by the act that met it (``done``): its title and the end of
#: its explanation, on time and late. Another act falls back to the generic sentences.
COMPLETED_TEXTS = {
    "办结": (
        _("已办结"),
        _("${explanation}。已于 ${date} 办结。"),
        _("${explanation}。已于 ${date} 办结，超过到期日。"),
    ),
    "报送": (
        _("已报送"),
        _("${explanation}。已于 ${date} 报送。"),
        _("${explanation}。已于 ${date} 报送，超过到期日。"),
    ),
}
COMPLETED_GENERIC = (
    _("已${done}"),
    _("${explanation}。已于 ${date} ${done}。"),
    _("${explanation}。已于 ${date} ${done}，超过到期日。"),
)


def _standing(code: str, due_date: date, today: date):
    days = (due_date - today).days
    if code == "overdue":
        return _("已超期${days}日", mapping={"days": -days}) if days < 0 else _("已超过到期时间")
    if code == "due_today":
        return _("今日到期")
    return _("距到期还有${days}日", mapping={"days": days})


def badge(
    request,
    deadline,
    today: date | None = None,
    now: datetime | None = None,
    done: str = _("办结"),
    late: str = _("超期办结"),
) -> dict:
    """The badge of ``deadline`` on ``today`` (Shanghai), as a dict for templates; its texts are
    in the request's language (Chinese without a request)."""
    localizer = getattr(request, "localizer", None)
    translate = localizer.translate if localizer is not None else chinese
    if today is None:
        current = clock.now()
        today, now = current.date(), now or current
    due = deadline.due
    full_text = due.full_text_in(translate)
    if not deadline.is_open:
        met_late = deadline.met_late
        title, on_time_text, late_text = COMPLETED_TEXTS.get(str(done), COMPLETED_GENERIC)
        done, late = TranslationString(done, domain="portal"), TranslationString(late, domain="portal")
        values = {
            "explanation": full_text,
            "date": format_date(deadline.completed_on),
            "done": translate(done),
        }
        return {
            "code": COMPLETED,
            "title": translate(late if met_late else TranslationString(title, mapping=values)),
            "css_class": "deadline-normal",
            "due_text": due.date_text,
            "provisional": False,
            "explanation": translate(
                TranslationString(late_text if met_late else on_time_text, mapping=values)
            ),
        }
    limits = thresholds(request.registry) if request is not None else DEFAULT_THRESHOLDS
    level = deadline.level(today, now, limits)
    if level is PAUSED:
        pause = deadline.pauses[-1]
        explanation = _(
            "自 ${start} 起暂停计时：${reason}。恢复计时后重新计算到期日，暂停期间不计入期限。原到期日：${explanation}",
            mapping={"start": format_date(pause.start), "reason": pause.reason, "explanation": full_text},
        )
    else:
        standing = translate(_standing(level.code, due.due_date, today))
        explanation = _(
            "${explanation}（${standing}）", mapping={"explanation": full_text, "standing": standing}
        )
    return {
        "code": level.code,
        "title": translate(level.title),
        "css_class": f"deadline-{level.code}",
        "explanation": translate(explanation),
        "due_text": due.display_in(translate),
        "provisional": due.provisional,
    }


def add_badge_macros(event):
    """BeforeRender subscriber: offer ``templates/badge.pt`` to every template as ``deadline_badges``."""
    if "deadline_badges" not in event:
        from pyramid.renderers import get_renderer

        event["deadline_badges"] = get_renderer(BADGE_TEMPLATE).implementation()
