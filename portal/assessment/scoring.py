"""The arithmetic of the annual assessment (第八章), pure and declared here once.

* An indicator scores ``max_score × rate`` (:func:`indicator_score`), rounded half up to one
  decimal; a rate with nothing to count (no case concluded, no decision taken) scores full
  marks: the unit had no such work to fail.
* The three qualitative areas of 第八章 (组织领导, 规范化建设, 排查与化解) score
  :data:`RATING_POINTS` each (out of :data:`AREA_MAX`).
* A unit's own total is its quantitative sum plus its qualitative points (out of 100 with the
  declared inputs: 7 × 10 + 3 × 10).
* A county's result rolls its schools in (各县(市、区)教育局所属学校、单位纳入相应县(市、区)教育局
  整体考评): ``COUNTY_WEIGHT × own total + SCHOOLS_WEIGHT × the average of its assessed
  schools``, where a school under a veto counts 0 (its major impact weighs on the county);
  without any assessed school the county's result is its own total.
* A veto (一票否决) sets the grade to :data:`VETO_GRADE` whatever the score, and the unit's
  leaders lose that year's awards; a vetoed unit ranks below every unit without a veto.
* Grades: :data:`GRADES` (the first threshold the score reaches).
* Ranking: highest score first, ties share a rank (1, 2, 2, 4), vetoed units after the rest.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")
AREAS = ("organisation", "standardisation", "screening")
AREA_MAX = Decimal(10)
RATING_POINTS = {"good": Decimal(10), "fairly_good": Decimal(8), "fair": Decimal(6), "poor": Decimal(3)}
COUNTY_WEIGHT = Decimal("0.6")
SCHOOLS_WEIGHT = Decimal("0.4")
GRADES = ((Decimal(90), "优秀"), (Decimal(80), "良好"), (Decimal(60), "合格"), (Decimal(0), "不合格"))
VETO_GRADE = "不合格（一票否决）"


def tenth(value):
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def indicator_score(max_score, rate):
    """``max_score × rate`` to one decimal; ``rate`` None (nothing to count) is full marks."""
    if rate is None:
        return tenth(max_score)
    return tenth(Decimal(max_score) * Decimal(rate.numerator) / Decimal(rate.denominator))


@dataclass(frozen=True)
class Totals:
    quantitative: Decimal
    qualitative: Decimal
    total: Decimal
    vetoed: bool
    grade: str


def grade_of(score, vetoed):
    if vetoed:
        return VETO_GRADE
    return next(title for floor, title in GRADES if score >= floor)


def unit_totals(appstruct):
    """The totals of one unit's assessment form (its indicators, ratings and vetoes)."""
    quantitative = tenth(sum((Decimal(i["score"]) for i in appstruct.get("quantitative", ())), Decimal(0)))
    ratings = appstruct.get("qualitative") or {}
    qualitative = tenth(sum((RATING_POINTS.get(ratings.get(a), Decimal(0)) for a in AREAS), Decimal(0)))
    total = tenth(quantitative + qualitative)
    vetoed = bool(appstruct.get("veto_items"))
    return Totals(quantitative, qualitative, total, vetoed, grade_of(total, vetoed))


def schools_average(schools):
    """Average of ``schools`` (pairs of total and vetoed); a vetoed school counts 0."""
    if not schools:
        return None
    return tenth(
        sum((Decimal(0) if vetoed else Decimal(total) for total, vetoed in schools), Decimal(0))
        / len(schools)
    )


def county_result(own_total, schools):
    """(schools' average or None, the county's final score) -- see the module contract."""
    average = schools_average(schools)
    if average is None:
        return None, tenth(own_total)
    return average, tenth(COUNTY_WEIGHT * Decimal(own_total) + SCHOOLS_WEIGHT * average)


def ranked(rows, score=lambda r: r.final, vetoed=lambda r: r.vetoed):
    """[(rank, row)]: by score, highest first, ties sharing a rank; vetoed rows after."""
    ordered = sorted(rows, key=lambda r: (vetoed(r), -score(r)))
    out, rank, previous = [], 0, None
    for position, row in enumerate(ordered, 1):
        key = (vetoed(row), score(row))
        if key != previous:
            rank, previous = position, key
        out.append((rank, row))
    return out
