"""The assessment's arithmetic against a table computed by hand (see each comment)."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from portal.assessment import scoring
from portal.assessment.board import BoardLine


@pytest.mark.parametrize(
    "rate,score",
    [
        (Fraction(17, 20), D("8.5")),  # 10 × 17/20
        (Fraction(2, 3), D("6.7")),  # 6.666… rounds half up to one decimal
        (Fraction(1, 8), D("1.3")),  # 1.25 -> 1.3 (half up, not to even)
        (Fraction(0, 5), D("0.0")),
        (None, D("10.0")),  # no such work: full marks
    ],
)
def test_indicator_score(rate, score):
    assert scoring.indicator_score(D(10), rate) == score


def _form(scores, ratings, veto=()):
    return {
        "quantitative": [{"score": D(s)} for s in scores],
        "qualitative": dict(zip(scoring.AREAS, ratings)),
        "veto_items": frozenset(veto),
    }


def test_unit_totals():
    # 10 + 8.5 + 7.5 + 10 + 6 + 10 + 9 = 61.0; good 10 + fairly good 8 + fair 6 = 24
    totals = scoring.unit_totals(
        _form(["10", "8.5", "7.5", "10", "6", "10", "9"], ["good", "fairly_good", "fair"])
    )
    assert (totals.quantitative, totals.qualitative, totals.total) == (D("61.0"), D("24"), D("85.0"))
    assert totals.grade == "良好" and not totals.vetoed
    vetoed = scoring.unit_totals(_form(["10"] * 7, ["good"] * 3, {"mishandling"}))
    assert vetoed.total == D("100.0") and vetoed.grade == "不合格（一票否决）"


# The hand-computed table (averages and finals rounded half up to one decimal):
# A: own 85.0; schools 90.0, 80.5 and 70.0 under a veto (counts 0):
#    average 170.5 / 3 = 56.83 -> 56.8; final .6 × 85 + .4 × 56.8 = 73.72 -> 73.7
# B: own 92.0; no school assessed: final 92.0
# C: own 88.0 under a veto; school 95.0: final .6 × 88 + .4 × 95 = 90.8 (ranked last)
# D: own 79.5; schools 60.0, 68.0: average 64.0; final .6 × 79.5 + .4 × 64 = 73.3
HAND = {
    "A": (D("85.0"), [(D("90.0"), False), (D("80.5"), False), (D("70.0"), True)], D("56.8"), D("73.7")),
    "B": (D("92.0"), [], None, D("92.0")),
    "C": (D("88.0"), [(D("95.0"), False)], D("95.0"), D("90.8")),
    "D": (D("79.5"), [(D("60.0"), False), (D("68.0"), False)], D("64.0"), D("73.3")),
}


@pytest.mark.parametrize("name", sorted(HAND))
def test_county_roll_up(name):
    own, schools, average, final = HAND[name]
    assert scoring.county_result(own, schools) == (average, final)


class Row:
    def __init__(self, vetoed):
        self.veto_items = ("mishandling",) if vetoed else ()
        self.vetoed = vetoed


def test_ranking_puts_vetoes_last_and_shares_ties():
    lines = [BoardLine(name, Row(name == "C"), final=HAND[name][3]) for name in "ABCD"]
    lines.append(BoardLine("E", Row(False), final=D("73.7")))  # ties with A
    ranked = [
        (rank, x.unit, x.grade)
        for rank, x in scoring.ranked(lines, score=lambda x: x.final, vetoed=lambda x: x.vetoed)
    ]
    assert ranked == [
        (1, "B", "优秀"),
        (2, "A", "合格"),
        (2, "E", "合格"),
        (4, "D", "合格"),
        (5, "C", "不合格（一票否决）"),
    ]
