"""The declared table of statutory limits the portal tracks.

Contract: ``LIMITS`` is a read-only mapping ``code -> Limit``, declared once here
and checked by ``validate()`` when this module is imported (a bad table stops
start-up with ``LimitDefinitionError``). Nothing changes it at runtime.

``amount`` means: days for ``CALENDAR_DAYS`` and ``WORKING_DAYS``, hours for
``HOURS``, 0 for ``SAME_DAY``, the day of the month for ``DAY_OF_MONTH``. For
``extension`` it is the most days an extension may add.
"""

import re
from dataclasses import dataclass
from types import MappingProxyType

from portal.i18n import _

from .errors import LimitDefinitionError, UnknownLimit
from .rules import Rule


@dataclass(frozen=True)
class Limit:
    """One statutory limit: what it is, how it counts, and where it comes from."""

    code: str
    title: str  # Chinese, shown to users
    rule: Rule
    amount: int
    trigger_label: str  # Chinese name of the triggering event, e.g. 受理日
    basis: str  # Chinese: the provision that sets the limit


_DECLARED = (
    Limit(
        "acceptance_notice",
        _("受理告知"),
        Rule.CALENDAR_DAYS,
        15,
        _("收到日"),
        _("《实施办法》第五章第一节：自收到信访事项之日起15日内书面告知信访人受理情况"),
    ),
    Limit(
        "handling",
        _("办理"),
        Rule.CALENDAR_DAYS,
        60,
        _("受理日"),
        _("《实施办法》第五章第一节：一般信访事项自受理之日起60日内办结"),
    ),
    Limit(
        "extension",
        _("延期"),
        Rule.CALENDAR_DAYS,
        30,
        _("原办理期限届满日"),
        _("《实施办法》第五章第一节：情况复杂的经上级批准可延期一次，延长期限不得超过30日"),
    ),
    Limit(
        "ownership_report",
        _("包案情况报告"),
        Rule.CALENDAR_DAYS,
        5,
        _("包案通知日"),
        _("《实施办法》第四章第三节：接到包案通知5日内向包案领导汇报"),
    ),
    Limit(
        "review_request",
        _("复查申请"),
        Rule.CALENDAR_DAYS,
        30,
        _("书面答复收到日"),
        _("《信访条例》第三十四条：自收到书面答复之日起30日内请求复查"),
    ),
    Limit(
        "review_answer",
        _("复查答复"),
        Rule.CALENDAR_DAYS,
        30,
        _("复查请求收到日"),
        _("《信访条例》第三十四条：自收到复查请求之日起30日内提出复查意见"),
    ),
    Limit(
        "rereview_request",
        _("复核申请"),
        Rule.CALENDAR_DAYS,
        30,
        _("复查意见收到日"),
        _("《信访条例》第三十五条：自收到复查意见之日起30日内请求复核"),
    ),
    Limit(
        "rereview_answer",
        _("复核答复"),
        Rule.CALENDAR_DAYS,
        30,
        _("复核请求收到日"),
        _("《信访条例》第三十五条：自收到复核请求之日起30日内提出复核意见"),
    ),
    Limit(
        "forward_objection",
        _("转送交办异议"),
        Rule.WORKING_DAYS,
        5,
        _("收到日"),
        _("《信访工作条例》第二十三条：不属于本单位职权范围的，自收到之日起5个工作日内提出异议"),
    ),
    Limit(
        "monthly_report",
        _("月报表"),
        Rule.DAY_OF_MONTH,
        25,
        _("报告月份"),
        _("《实施办法》第四章第五节：每月25日前以月报表形式报告市教育局信访处"),
    ),
    Limit(
        "major_event_report",
        _("重大信访事项报告"),
        Rule.HOURS,
        1,
        _("事件发生时间"),
        _("《实施办法》第四章第五节：发生重大信访事项须在1小时内向上级报送"),
    ),
    Limit(
        "urgent_case",
        _("紧急信访事项办理"),
        Rule.SAME_DAY,
        0,
        _("收到日"),
        _("《实施办法》第五章第一节：紧急信访案件应立即办理和答复"),
    ),
    # The two below always carry the date their issuer set (an override): the amount is only
    # the fallback of a deadline created without one.
    Limit(
        "rectification",
        _("整改"),
        Rule.CALENDAR_DAYS,
        30,
        _("发文日"),
        _("《实施办法》第九章：下发《整改通知书》《整改建议书》限期整改，整改期限由发文单位确定"),
    ),
    Limit(
        "emergency_written_report",
        _("突发信访事件书面报告"),
        Rule.CALENDAR_DAYS,
        3,
        _("启动预案日"),
        _("《实施办法》第七章：应急处置工作完成后书面报告上级有关部门，报告时限由本单位应急预案规定"),
    ),
)

_CODE = re.compile(r"^[a-z][a-z_]*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def validate(limits) -> None:
    """Check a table of limits; raise ``LimitDefinitionError`` naming every problem.

    Accepts an iterable of ``Limit`` or a mapping whose values are ``Limit``.
    """
    if hasattr(limits, "values"):
        for key, limit in limits.items():
            if key != limit.code:
                raise LimitDefinitionError(f"key {key!r} differs from code {limit.code!r}")
        limits = list(limits.values())
    problems = []
    seen = set()
    for limit in limits:
        if not isinstance(limit, Limit):
            problems.append(f"not a Limit: {limit!r}")
            continue
        if not _CODE.match(limit.code):
            problems.append(f"{limit.code!r}: code must be lower_snake_case")
        if limit.code in seen:
            problems.append(f"{limit.code!r}: declared twice")
        seen.add(limit.code)
        if not isinstance(limit.rule, Rule):
            problems.append(f"{limit.code}: unknown rule {limit.rule!r}")
            continue
        for field in ("title", "trigger_label", "basis"):
            if not _CJK.search(getattr(limit, field) or ""):
                problems.append(f"{limit.code}: {field} must be Chinese text")
        amount = limit.amount
        if type(amount) is not int:
            problems.append(f"{limit.code}: amount must be an int")
        elif limit.rule is Rule.SAME_DAY and amount != 0:
            problems.append(f"{limit.code}: same_day limits have amount 0")
        elif limit.rule is Rule.DAY_OF_MONTH and not 1 <= amount <= 28:
            problems.append(f"{limit.code}: day of month must be 1..28 (exists in every month)")
        elif limit.rule in (Rule.CALENDAR_DAYS, Rule.WORKING_DAYS, Rule.HOURS) and amount <= 0:
            problems.append(f"{limit.code}: amount must be positive")
    if problems:
        raise LimitDefinitionError("; ".join(problems))


validate(_DECLARED)

LIMITS = MappingProxyType({limit.code: limit for limit in _DECLARED})
"""Read-only registry ``code -> Limit`` of every limit the portal tracks."""


def get_limit(code) -> Limit:
    """The declared limit for ``code`` (or a declared ``Limit`` itself); ``UnknownLimit`` otherwise."""
    key = code.code if isinstance(code, Limit) else code
    limit = LIMITS.get(key)
    if limit is None or (isinstance(code, Limit) and code != limit):
        raise UnknownLimit(f"未定义的时限类型：{key}")
    return limit
