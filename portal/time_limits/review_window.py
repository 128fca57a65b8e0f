"""The window for a review request (复查申请) counts from delivery of the written reply (送达).

《信访条例》第三十四条: the petitioner may ask for 复查 within 30 days *of receiving* the written
reply. The day of delivery is known to ``portal.cases.review.delivered_on`` (the one place that
knows it): the reply step starts the ``review_request`` deadline from it (the reply form asks for
the day of delivery; without it the day of the reply step stands in). A reply delivered later --
a letter in the post -- is recorded here, and the window then counts from that day.

Contract:

* ``Delivery(method, on, recorded_by, recorded_at)``: how (``schemas.vocabularies.
  DELIVERY_METHODS``) and on which day the petitioner received the reply; kept on the case as
  ``reply_delivery`` (the latest record; each is written to the case history by the caller),
  and the day in ``case.deliveries['review']``.
* ``record_delivery(case, method, on, calendar, actor)``: records the delivery and starts the
  window from ``on``, or moves the open window's start there (``Deadline.retrigger``, logged).
  Refused (``DeadlineError``, Chinese) before the reply, for a day before the reply or after
  today, or once the window is closed.
* ``review_until(case)``: the last day to ask (a ``DueDate``), or None before the reply.
"""

from dataclasses import dataclass
from datetime import date, datetime

from portal import clock
from portal.clock import format_date
from portal.deadlines import Deadline, DeadlineError
from schemas.vocabularies import DELIVERY_METHODS

NAME = "review_request"
DELIVERY_TITLES = dict(DELIVERY_METHODS)


@dataclass(frozen=True)
class Delivery:
    method: str
    on: date
    recorded_by: str
    recorded_at: datetime

    @property
    def text(self) -> str:
        """邮寄，2027-01-08 送达."""
        return f"{DELIVERY_TITLES.get(self.method, self.method)}，{format_date(self.on)} 送达"


def reply_day(case):
    """The day of the latest reply step, or None before the reply."""
    from portal.cases.review import STAGES, _transition_date

    return _transition_date(case, STAGES["review"][0])


def record_delivery(case, method, on, calendar, actor):
    """Record that the reply was delivered by ``method`` on ``on``; returns the ``Delivery``."""
    replied = reply_day(case)
    if replied is None:
        raise DeadlineError("尚未答复，不能登记送达")
    if method not in DELIVERY_TITLES:
        raise DeadlineError("请选择送达方式")
    if not isinstance(on, date) or isinstance(on, datetime):
        raise DeadlineError("请填写送达日期（年-月-日）")
    if on > clock.today():
        raise DeadlineError("送达日期不得晚于今天")
    delivery = Delivery(method, on, actor, clock.now())
    _start(case, delivery, calendar, actor, replied)
    return delivery


def _start(case, delivery, calendar, actor, replied):
    if delivery.on < replied:
        raise DeadlineError(f"送达日期不得早于答复日期 {format_date(replied)}")
    deadline = case.deadlines.get(NAME)
    if deadline is None:
        case.deadlines[NAME] = Deadline(NAME, delivery.on, calendar, actor=actor)
    elif not deadline.is_open:
        raise DeadlineError("复查申请期限已结束，不能再改送达日期")
    elif deadline.trigger != delivery.on:
        deadline.retrigger(delivery.on, calendar, reason=f"书面答复{delivery.text}", actor=actor)
    case.reply_delivery = delivery
    case.deliveries = dict(getattr(case, "deliveries", None) or {}, review=delivery.on)
    from portal.catalog import reindex_object

    reindex_object(case, ("deadline_due",))


def review_until(case):
    """The ``DueDate`` of the review window, or None before the reply."""
    deadline = getattr(case, "deadlines", {}).get(NAME)
    return deadline.due if deadline is not None else None
