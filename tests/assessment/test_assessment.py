"""The annual assessment through its pages: the level above assesses, the form is filled from
the portal's records, an adjustment needs a reason, totals and the county roll-up are
computed, a veto is recorded with its consequence, the city ranks the counties (and exports)."""

import datetime
import io
from decimal import Decimal as D

from openpyxl import load_workbook
from pyramid.traversal import find_resource

from portal.assessment.assess import initial_form
from portal.assessment.store import awards_barred

from ..prevention.test_decisions import _register as register_decision
from .conftest import TODAY, YEAR, at

RATINGS = {"organisation": "good", "standardisation": "fairly_good", "screening": "fair", "comment": ""}


def _form(app, site_of, path, **changes):
    from pyramid.threadlocal import manager

    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app) as site:
            values = initial_form(find_resource(site, path), YEAR, "郑芳")
    finally:
        manager.pop()
    values.update(qualitative=dict(RATINGS), overall_comment="总体较好。", veto_details="")
    values.update(changes)
    return values


def _major_event(t, registry_fields, late):
    event_time = at(TODAY, 8 if late else 9, 30)
    values = {
        "unit": "中原区教育局",
        "reporter": "刘洋",
        "reporter_phone": "13912345678",
        "event_time": event_time,
        "place": "区教育局门口",
        "headcount": 30,
        "subject": "教师聚集反映职称评审",
        "description": "约三十名教师聚集。",
        "demands": "要求公开评审结果。",
        "measures_taken": "分管领导接待。",
        "leader_on_site": "陈国庆",
        "reported_at": at(TODAY, 10),
    }
    data = registry_fields(
        "major_event_report",
        values,
        [
            ("csrf_token", t.token),
            ("file", "file"),
            ("form_token", "e1e1e1e1e1e1e1e1" if late else "e2e2e2e2e2e2e2e2"),
        ],
    )
    t.post("/zhongyuan/@@major-event", data, status=302)


def test_the_form_is_filled_from_the_records(app, site_of, signed_in, registry_fields):
    with site_of(app, commit=True) as site:
        site.duties.since = "2026-01"
    county = signed_in("zy_officer")
    _major_event(county, registry_fields, late=True)  # reported after the hour
    _major_event(county, registry_fields, late=False)  # within it
    register_decision(county, "/zhongyuan", token="a1a1a1a1a1a1a1a1")  # not yet assessed
    # a case the county registered on 1 October and never accepted: its 15 days passed
    from tests.public.seeding import Seeder

    Seeder(app)(unit="/zhongyuan", received_on=datetime.date(YEAR, 10, 1))
    page = signed_in("assessor").get(f"/zhongyuan/@@assess?year={YEAR}")
    figures = {
        tr.find_all("td")[0].text: [td.text.strip() for td in tr.find_all("td")[2:]]
        for tr in page.html.select("#computed-figures tbody tr")
    }
    # the reporting clock is 20 November: January to October's reports were due, none filed
    assert figures["月报表按时报送率"] == ["0/10", "10", "0.0"]
    assert figures["重大信访事项1小时内报告率"] == ["1/2", "10", "5.0"]
    assert figures["重大决策风险评估报送率"] == ["0/1", "10", "0.0"]
    assert figures["受理告知按期率"] == ["0/1", "10", "0.0"]  # the on-time rates' figure
    assert figures["信访事项按期办结率"] == ["无此项工作", "10", "10.0"]
    # the standing duties' records (judged from January): no reception day held, no one trained
    assert figures["领导接待日落实率"] == ["0/10", "10", "0.0"]
    assert figures["信访工作人员培训覆盖率"] == ["0/2", "10", "0.0"]
    form = page.forms["portal-form"]
    assert form["assessed_unit"].value == "中原区教育局"


def _train_everyone(t, path):
    """File one training register for every petition worker ``t`` may list at ``path``."""
    form = t.get(f"{path}/@@add-training").forms["portal-form"]
    from portal import clock

    day = clock.today().isoformat()  # in the year assessed (YEAR, the suite's year)
    form["course"] = f"{YEAR}年信访工作条例专题培训"
    form.get("date", 0).value = form.get("date", 1).value = day
    form["hours"] = "6"
    form["content"] = "《信访工作条例》解读。"
    form["trainees"].force_value([value for value, *_ in form["trainees"].options])
    form.submit("save", status=302)


def test_totals_adjustments_vetoes_and_the_county_roll_up(app, site_of, signed_in, assess, notices):
    city = signed_in("assessor")
    county = signed_in("zy_officer")
    # the standing duties leave nothing to judge: everyone trained, reception days judged
    # from next month (none due yet)
    from datetime import timedelta

    from portal import clock

    following = clock.today().replace(day=28) + timedelta(days=4)
    with site_of(app, commit=True) as site:
        site.duties.since = f"{following.year:04d}-{following.month:02d}"
    _train_everyone(county, "/zhongyuan")
    # the county assesses its schools; the city does not assess schools, the school not itself
    values = _form(app, site_of, "/zhongyuan/s01")
    assess(city, "/zhongyuan/s01", values, status=403)
    assess(signed_in("zy_s01_liaison"), "/zhongyuan/s01", values, status=403)
    assess(signed_in("js_officer"), "/zhongyuan/s01", values, status=403)
    assess(county, "/zhongyuan", _form(app, site_of, "/zhongyuan"), status=403)

    # an adjusted score needs its reason; a forged computed score does not help
    quantitative = [dict(i) for i in values["quantitative"]]
    quantitative[2].update(score=D("8.0"), computed_score=D("8.0"), remark="")  # computed: 0.0
    page = assess(county, "/zhongyuan/s01", dict(values, quantitative=quantitative), status=200)
    assert "“月报表按时报送率”的得分与系统计算得分（0.0）不一致，须说明调整理由" in page.text
    with site_of(app) as site:
        assert site.assessments.year_rows(YEAR) == {}
    quantitative[2]["remark"] = "因系统迁移，前三个季度纸质报送"
    assess(county, "/zhongyuan/s01", dict(values, quantitative=quantitative))
    # 10+10+8+10+10+10+10 = 68.0 quantitative, 10+8+6 = 24 qualitative
    with site_of(app) as site:
        row = site.assessments.rows[(YEAR, "/zhongyuan/s01")]
        assert (row.quantitative, row.qualitative, row.total, row.grade) == (
            D("68.0"),
            D("24"),
            D("92.0"),
            "优秀",
        )
        doc = find_resource(site, row.doc_path)
        assert doc.appstruct["total"] == D("92.0") and doc.appstruct["quantitative"][2][
            "computed_score"
        ] == D("0.0")

    # a second school under a veto: recorded with its consequence, and it counts 0 for the county
    s02 = _form(
        app,
        site_of,
        "/zhongyuan/s02",
        veto_items=frozenset({"mishandling"}),
        veto_details="家长聚集事件推诿扯皮，造成重大影响。",
    )
    assess(county, "/zhongyuan/s02", s02)
    with site_of(app) as site:
        assert awards_barred(site, "/zhongyuan/s02", YEAR)
        assert not awards_barred(site, "/zhongyuan/s01", YEAR)
        (record,) = site.assessments.vetoes[(YEAR, "/zhongyuan/s02")]
        assert record.consequence == f"取消中原区实验小学相关领导、责任人{YEAR}年度教育系统内评先推优资格"
        assert record.recorded_by == "zy_officer"
    schools = county.get(f"/zhongyuan/@@assessment-board?year={YEAR}")
    assert (
        "不合格（一票否决）" in schools.text and "因思想麻痹、推诿扯皮、处置不力造成重大影响" in schools.text
    )

    # the city assesses the county: own 60.0 + 24 = 84.0; schools (92.0 + 0) / 2 = 46.0;
    # final .6 × 84.0 + .4 × 46.0 = 50.4 + 18.4 = 68.8 (合格)
    assess(city, "/zhongyuan", _form(app, site_of, "/zhongyuan"))
    board = city.get(f"/@@assessment-board?year={YEAR}")
    row = board.html.select_one("#county-ranking tr[data-unit='中原区教育局']")
    cells = [td.text.strip() for td in row.find_all("td")]
    assert cells[:8] == ["1", "中原区教育局", "84.0", "2/5", "46.0", "68.8", "合格", ""]
    book = load_workbook(io.BytesIO(city.get(f"/@@assessment-export?year={YEAR}").body))
    lines = [[c.value for c in r] for r in book["各县（市、区）排名"].iter_rows()]
    assert lines[1][:7] == [1, "中原区教育局", 84.0, "2/5", 46.0, 68.8, "合格"]  # numbers
    assert lines[2][0] is None and lines[2][6] == "未考评"

    # a veto on the county itself sets its result and puts it last
    assess(
        city,
        "/zhongyuan",
        _form(
            app,
            site_of,
            "/zhongyuan",
            veto_items=frozenset({"level_skipping_by_failure"}),
            veto_details="工作失误引发赴京上访。",
        ),
    )
    row = city.get(f"/@@assessment-board?year={YEAR}").html.select_one(
        "#county-ranking tr[data-unit='中原区教育局']"
    )
    assert "不合格（一票否决）" in row.text and "68.8" in row.text
    with site_of(app) as site:
        assert awards_barred(site, "/zhongyuan", YEAR)
