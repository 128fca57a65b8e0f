"""第五章第五节: training registers any unit files for its (and its lower units') petition
staff, fed back to each trainee's unit; the year's coverage for the level above."""

import datetime

from .conftest import at

DAY = datetime.date(2026, 6, 12)


def file_training(t, path, trainees, status=302):
    form = t.get(f"{path}/@@add-training").forms["portal-form"]
    form["course"] = "2026年信访工作条例专题培训"
    form.get("date", 0).value = "2026-06-10"
    form.get("date", 1).value = "2026-06-11"
    form["hours"] = "12"
    form["content"] = "《信访工作条例》解读。"
    form["trainees"].force_value(list(trainees))
    return form.submit("save", status=status)


def test_the_city_trains_county_staff_and_their_units_get_the_records(user, clock, opened, inbox):
    clock.set(at(DAY))
    page = file_training(user("city_officer"), "", ["zy_officer", "js_officer"]).follow()
    assert "2名参训人员的培训情况已反馈所在单位" in page.text
    with opened() as site:
        zy = [d for d in site["zhongyuan"].values() if getattr(d, "code", "") == "training_record"]
        js = [d for d in site["jinshui"].values() if getattr(d, "code", "") == "training_record"]
        assert [d.appstruct["trainee_name"] for d in zy] == ["刘洋"]
        assert [d.appstruct["trainee_name"] for d in js] == ["杨帆"]
        assert zy[0].appstruct["organiser"] == "郑州市教育局" and zy[0].appstruct["fed_back"]
    assert "培训情况反馈：2026年信访工作条例专题培训（中原区教育局）" in inbox("zy_head")
    coverage = user("zy_head").get("/zhongyuan/@@training", {"year": "2026"})
    text = coverage.html.find(id="coverage").text
    assert "已培训 1 / 2 人" in text and "刘洋" in text and "陈国庆" in text
    board = user("city_head").get("/@@duties-board", {"month": "2026-06"})
    rows = {r["data-unit"]: r.text for r in board.html.find(id="duties-board").find_all("tr")[1:]}
    assert "1/2" in rows["/zhongyuan"] and "1/1" in rows["/jinshui"]


def test_a_county_trains_its_schools_liaisons(user, clock, opened):
    clock.set(at(DAY))
    file_training(user("zy_officer"), "/zhongyuan", ["zy_s01_liaison", "zy_head"])
    with opened() as site:
        [doc] = [d for d in site["zhongyuan"]["s01"].values() if getattr(d, "code", "") == "training_record"]
        assert doc.appstruct["trainee_unit"] == "中原区第一中学"
    page = user("zy_s01_liaison").get("/zhongyuan/s01/@@training", {"year": "2026"})
    assert "已培训 1 / 1 人" in page.html.find(id="coverage").text


def test_trainees_come_from_the_units_own_staff_and_those_below(user, clock, opened):
    clock.set(at(DAY))
    page = file_training(user("zy_officer"), "/zhongyuan", ["js_s01_liaison"], status=200)
    assert "参训人员须从信访工作人员名单中选择" in page.text
    for login, path in (
        ("city_head", "/zhongyuan"),
        ("zy_leader", "/zhongyuan"),
        ("zy_s01_liaison", "/zhongyuan"),
    ):
        user(login).get(f"{path}/@@add-training", status=403)
    with opened() as site:
        assert len(site.duties.sessions) == 0


def test_coverage_reminded_in_the_fourth_quarter_and_reported_above_in_january(
    user, clock, sweep, since, inbox
):
    since("2026-01")
    clock.set(at(DAY))
    file_training(user("zy_officer"), "/zhongyuan", ["zy_officer", "zy_head"])
    sweep(at(datetime.date(2026, 9, 30)))
    assert not any("未参加业务培训" in t for t in inbox("js_officer"))
    sweep(at(datetime.date(2026, 10, 1)))
    assert "金水区教育局本年度尚有1名信访工作人员未参加业务培训" in inbox("js_officer")
    assert not any("中原区教育局本年度" in t for t in inbox("zy_officer"))
    sweep(at(datetime.date(2027, 1, 4)))
    city = inbox("city_officer")
    assert "下级逾期：金水区教育局 2026年信访工作人员业务培训已逾期4天（2026-12-31到期）" in city
    assert not any("中原区教育局 2026年信访工作人员业务培训" in t for t in city)


def test_the_yearly_plan_shows_on_the_board(user, clock, fields_of):
    clock.set(at(DAY))
    officer = user("zy_officer")
    form = officer.get("/zhongyuan/@@add-document", {"code": "training_plan"}).forms["portal-form"]
    form["unit"] = "中原区教育局"
    form["year"] = "2026"
    form.submit("save")  # no course: refused, nothing stored
    board = user("city_head").get("/@@duties-board", {"month": "2026-06"})
    row = [
        r for r in board.html.find(id="duties-board").find_all("tr") if r.get("data-unit") == "/zhongyuan"
    ][0]
    assert "未制定" in row.text
    officer.post(
        "/zhongyuan/@@add-document?code=training_plan",
        fields_of(
            "training_plan",
            {
                "unit": "中原区教育局",
                "year": 2026,
                "courses": [
                    {"course": "条例培训", "planned_month": 6, "trainees": "信访工作人员", "hours": 8}
                ],
                "secondment": None,
                "notes": None,
            },
            [("csrf_token", officer.token), ("save", "save")],
        ),
    )
    board = user("city_head").get("/@@duties-board", {"month": "2026-06"})
    row = [
        r for r in board.html.find(id="duties-board").find_all("tr") if r.get("data-unit") == "/zhongyuan"
    ][0]
    assert "已制定" in row.text
