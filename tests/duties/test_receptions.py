"""第四章第一节: reception days scheduled by the unit's petition office with a leader picked
from its leaders, published at once; a substitute only after the principal leader approved;
the day's register, matters becoming cases; reminders and misses through the sweep."""

import datetime

import pytest

from .conftest import at, choose

MON = datetime.date(2026, 11, 16)


def schedule(
    t,
    path,
    day,
    leader="zy_leader",
    post="局长",
    field="全面工作",
    place="中原区教育局一楼接待室",
    start="09:00",
    end="11:30",
    status=302,
):
    page = t.get(f"{path}/@@reception-days")
    form = page.forms["schedule-form"]
    form["leader"].force_value(leader)
    form["leader_post"] = post
    form["field"] = field
    form["date"] = day.isoformat()
    form.get("time", 0).value = start
    form.get("time", 1).value = end
    form["place"] = place
    return form.submit("save", status=status)


def day_of(opened, path="/zhongyuan", index=-1):
    from pyramid.traversal import find_resource

    with opened() as site:
        unit = find_resource(site, path)
        days = [d for (docid, _i), d in site.duties.days.items() if docid == unit.__docid__]
        days.sort(key=lambda d: (d.on, d.id))
        return days[index].id if days else None


def test_the_petition_office_schedules_a_leader_picked_from_the_unit(user, clock, anon, opened, inbox):
    clock.set(at(MON))
    head = user("zy_head")
    page = schedule(
        head, "/zhongyuan", MON + datetime.timedelta(days=3), place="一楼<script>alert(1)</script>"
    ).follow()
    assert "已安排马卫东于2026-11-19接访" in page.text
    row = page.html.find(id="reception-days").find_all("tr")[1].text
    assert "马卫东" in row and "主要领导" in row and "待接访" in row
    assert "<script>alert(1)</script>" not in page.text
    assert "接访日安排：中原区教育局 2026年11月19日 09:00—11:30" in inbox("zy_leader")
    with opened() as site:
        from portal.public.store import get_store

        [entry] = [e for e in get_store(site).receptions.values() if e.unit_path == "/zhongyuan"]
        assert entry.leader_name == "马卫东" and not entry.substituted
        day = next(iter(site.duties.days.values()))
        doc = site["zhongyuan"][day.document]
        assert doc.code == "reception_schedule" and doc.appstruct["leader_name"] == "马卫东"
        assert doc.appstruct["substitution_approved"] is False


def test_a_leader_not_of_the_unit_cannot_be_scheduled(user, clock, opened):
    clock.set(at(MON))
    page = schedule(
        user("zy_head"), "/zhongyuan", MON + datetime.timedelta(days=3), leader="city_leader", status=200
    )
    assert "接访领导须从本单位领导中选择" in page.text
    page = schedule(user("zy_head"), "/zhongyuan", MON - datetime.timedelta(days=1), status=200)
    assert "接访日期不能早于今天" in page.text
    with opened() as site:
        assert len(site.duties.days) == 0


@pytest.mark.parametrize("login", ["city_head", "js_officer", "zy_s01_liaison", "zy_leader"])
def test_only_the_units_own_petition_staff_schedule(login, user, clock):
    clock.set(at(MON))
    t = user(login)
    t.post(
        "/zhongyuan/@@reception-days",
        {"csrf_token": t.token, "__formid__": "schedule-form", "save": "save"},
        status=403,
    )


def _substitute(t, day_id, substitute="zy_deputy", reason="赴省厅开会", status=302):
    page = t.get("/zhongyuan/@@reception-day", {"id": day_id})
    form = page.forms["substitute-form"]
    form["substitute"].force_value(substitute)
    form["reason"] = reason
    return form.submit("save", status=status)


def _public_names(anon):
    return anon.get("/public/reception").html.find("table").text


def test_a_substitute_is_published_only_after_the_principal_approves(user, clock, opened, anon, inbox):
    clock.set(at(MON))
    day = MON + datetime.timedelta(days=5)
    schedule(user("zy_officer"), "/zhongyuan", day)
    day_id = day_of(opened)
    page = _substitute(user("zy_officer"), day_id).follow()
    assert "待单位主要领导批准" in page.text
    assert "代为接访待主要领导批准" in page.html.find(id="substitution-state").text
    public = _public_names(anon)
    assert "马卫东" in public and "马丽娟" not in public
    assert any(t.startswith("代为接访待批准：中原区教育局") for t in inbox("zy_leader"))
    # nobody but the unit's principal leader decides
    for login in ("zy_deputy", "zy_officer", "city_leader", "zy_head"):
        t = user(login)
        t.post(
            f"/zhongyuan/@@reception-decide?id={day_id}",
            {"csrf_token": t.token, "decision": "approve"},
            status=403,
        )
    assert "马丽娟" not in _public_names(anon)
    leader = user("zy_leader")
    page = leader.get("/zhongyuan/@@reception-day", {"id": day_id})
    form = page.forms["decide-form"]
    form["note"] = "同意"
    page = form.submit("decision", value="approve").follow()
    assert "代为接访已批准" in page.html.find(id="substitution-state").text
    public = _public_names(anon)
    assert "由 马丽娟 代为接待" in public and "经单位主要领导批准" in public
    assert any(t.startswith("代为接访已批准") for t in inbox("zy_officer"))
    with opened() as site:
        from portal.duties.records import current_version

        d = next(iter(site.duties.days.values()))
        doc = current_version(site["zhongyuan"], d.document)
        assert doc.appstruct["substitute_name"] == "马丽娟"
        assert doc.appstruct["substitution_approved"] is True


def test_a_refused_substitute_leaves_the_schedule_as_it_was(user, clock, opened, anon):
    clock.set(at(MON))
    schedule(user("zy_officer"), "/zhongyuan", MON + datetime.timedelta(days=5))
    day_id = day_of(opened)
    _substitute(user("zy_officer"), day_id)
    leader = user("zy_leader")
    leader.post(
        f"/zhongyuan/@@reception-decide?id={day_id}",
        {"csrf_token": leader.token, "decision": "refuse", "note": "请按时接访"},
    )
    page = leader.get("/zhongyuan/@@reception-day", {"id": day_id})
    assert "代为接访未获批准" in page.text
    assert "马丽娟" not in _public_names(anon)
    # the substitute must be one of the unit's other leaders, with a reason
    page = _substitute(user("zy_officer"), day_id, substitute="zy_leader", status=200)
    assert "代为接访领导须从本单位领导中选择" in page.text
    page = _substitute(user("zy_officer"), day_id, reason="", status=200)
    assert "必填" in page.text


def _register(t, day_id, outcome="referred", name="张某某", status=302):
    page = t.get("/zhongyuan/@@reception-register", {"id": day_id})
    form = page.forms["portal-form"]
    form["name"] = name
    form["headcount"] = "2"
    form["problem"] = "学校食堂收费不规范\n家长多次反映。"
    form["demands"] = "规范收费"
    choose(form, outcome)
    form["reply"] = "批转基础教育科调查处理"
    form["referred_unit"] = "基础教育科"
    return form.submit("save", status=status)


def test_the_register_is_filed_on_the_day_and_a_referred_matter_becomes_a_case(user, clock, opened):
    clock.set(at(MON))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", MON + datetime.timedelta(days=1))
    day_id = day_of(opened)
    page = officer.get("/zhongyuan/@@reception-register", {"id": day_id}).follow()
    assert "尚未到" in page.text  # not before the day
    clock.set(at(MON + datetime.timedelta(days=1), 15))
    page = _register(officer, day_id).follow()
    assert "已保存接访登记" in page.text
    assert "已接访" in page.html.find(id="day-state").text
    line = page.html.find(id="register-lines").find_all("tr")[1].text
    assert "张**" in line and "张某某" not in line  # masked in the list
    _register(officer, day_id, outcome="answered_on_site", name="李某")
    page = officer.get("/zhongyuan/@@reception-day", {"id": day_id})
    forms = [f for f in page.forms.values() if "doc" in f.fields]
    assert len(forms) == 1  # only the referred matter
    # a school liaison (no register_case on the county) cannot make it a case
    liaison = user("zy_s01_liaison")
    liaison.post(
        f"/zhongyuan/@@reception-case?id={day_id}",
        {"csrf_token": liaison.token, "doc": forms[0]["doc"].value},
        status=403,
    )
    case_page = forms[0].submit().follow()
    assert "已登记为信访事项" in case_page.text
    with opened() as site:
        d = site.duties.days[(site["zhongyuan"].__docid__, day_id)]
        assert d.state == "held" and d.visitors == 4 and d.matters == 2 and d.cases == 1
        cases = [c for c in site["zhongyuan"].values() if getattr(c, "type_name", "") == "case"]
        [case] = [c for c in cases if getattr(c, "from_reception", None)]
        assert case.channel == "visit" and case.received_on == d.on
        assert case.identity.petitioner["name"] == "张某某"
        month = site.duties.reception_months[("2026-11", site["zhongyuan"].__docid__)]
        assert (month.held, month.visitors, month.matters, month.cases) == (1, 4, 2, 1)
    # once only
    res = officer.post(
        f"/zhongyuan/@@reception-case?id={day_id}",
        {"csrf_token": officer.token, "doc": forms[0]["doc"].value},
    ).follow()
    assert "该事项已登记为信访事项" in res.text


def test_sweep_announces_the_day_then_marks_it_unregistered(user, clock, opened, sweep, since, inbox):
    since("2026-11")
    clock.set(at(MON))
    schedule(user("zy_officer"), "/zhongyuan", datetime.date(2026, 11, 20))
    sweep(at(datetime.date(2026, 11, 16)))
    assert not any(t.startswith("接访提醒") for t in inbox("zy_leader"))
    sweep(at(datetime.date(2026, 11, 17)))  # 3 days before
    assert "接访提醒：马卫东 11月20日 09:00—11:30（中原区教育局）" in inbox("zy_leader")
    sweep(at(datetime.date(2026, 11, 18)))
    assert inbox("zy_leader").count("接访提醒：马卫东 11月20日 09:00—11:30（中原区教育局）") == 1
    sweep(at(datetime.date(2026, 11, 21)))  # the day passed, no register
    assert "接待日11月20日（马卫东）尚未登记接访情况" in inbox("zy_officer")
    page = user("zy_officer").get("/zhongyuan/@@reception-days")
    assert "未登记" in page.html.find(id="reception-days").text
    home = user("zy_officer").get("/")
    assert "登记接访情况" in home.html.find(id="duty-todo").text


def test_principal_day_reminded_from_the_tenth_and_missed_months_seen_by_the_city(
    user, clock, opened, sweep, since, inbox
):
    since("2026-11")
    sweep(at(datetime.date(2026, 11, 9)))
    assert not any("主要领导2026年11月接访日" in t for t in inbox("zy_officer"))
    sweep(at(datetime.date(2026, 11, 10)))
    assert "请安排中原区教育局主要领导2026年11月接访日" in inbox("zy_officer")
    assert "请安排中原区教育局主要领导2026年11月接访日" in inbox("zy_leader")
    # 中原区 holds the principal's day; 金水区 never schedules one
    clock.set(at(datetime.date(2026, 11, 10)))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", datetime.date(2026, 11, 12))
    clock.set(at(datetime.date(2026, 11, 12), 12))
    day_id = day_of(opened)
    page = officer.get("/zhongyuan/@@reception-day", {"id": day_id})
    page.forms["day-actions"].submit("action", value="no_visitors")
    sweep(at(datetime.date(2026, 12, 1)))
    assert "金水区教育局主要领导2026年11月未按规定接访" in inbox("js_officer")
    assert not any("中原区教育局主要领导2026年11月未按规定" in t for t in inbox("zy_officer"))
    city = inbox("city_officer")
    assert "下级逾期：金水区教育局 2026年11月主要领导接访已逾期1天（2026-11-30到期）" in city
    assert not any("中原区教育局 2026年11月主要领导接访" in t for t in city)
    board = user("city_officer").get("/@@duties-board", {"month": "2026-11"})
    rows = {r["data-unit"]: r for r in board.html.find(id="duties-board").find_all("tr")[1:]}
    assert "已落实" in rows["/zhongyuan"].text and "未落实" in rows["/jinshui"].text
    assert rows["/zhongyuan"].find(class_="reception-days").text.strip() == "1"
    # the county sees the same on its own page; a school has no reception duty
    assert "2026年11月未落实" in user("js_officer").get("/jinshui").html.find(id="duties-panel").text


def test_a_sensitive_period_asks_two_principal_days(user, clock, opened):
    from portal.duties.receptions.figures import required_principal_days
    from portal.reports.periods import declare_period

    with opened(commit=True) as site:
        declare_period(
            site,
            "全国两会",
            datetime.date(2027, 3, 1),
            datetime.date(2027, 3, 15),
            ["/zhongyuan"],
            17,
            "city_officer",
        )
    with opened() as site:
        assert required_principal_days(site, site["zhongyuan"], "2027-03") == 2
        assert required_principal_days(site, site["zhongyuan"], "2027-04") == 1
        assert required_principal_days(site, site["jinshui"], "2027-03") == 1


def test_rotation_gives_the_other_leaders_the_free_working_days(user, clock, opened):
    clock.set(at(datetime.date(2026, 11, 25)))  # Wednesday: 26, 27, 30 November are left
    officer = user("zy_officer")
    page = officer.get("/zhongyuan/@@reception-days")
    form = page.forms["rotation-form"]
    form.get("time", 0).value = "14:30"
    form.get("time", 1).value = "17:00"
    form["place"] = "信访接待室"
    page = form.submit("save").follow()
    assert "已按轮值安排3个接访日" in page.text
    with opened() as site:
        days = sorted(site.duties.days.values(), key=lambda d: d.on)
        assert [d.on.day for d in days] == [26, 27, 30]
        assert {d.leader for d in days} == {"zy_deputy"} and all(d.rotation for d in days)


def test_statistics_per_leader(user, clock, opened):
    clock.set(at(MON))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", MON)
    day_id = day_of(opened)
    clock.set(at(MON, 15))
    _register(officer, day_id)
    page = officer.get("/zhongyuan/@@reception-stats", {"year": "2026"})
    row = page.html.find(id="leader-stats").find_all("tr")[1]
    cells = [c.text.strip() for c in row.find_all("td")]
    assert cells[:7] == ["马卫东", "1", "1", "0", "0", "2", "1"]


def test_the_leader_reads_the_schedule_notice_in_english(user, clock):
    """The notice is kept as message parts: the leader who reads the portal in English reads it
    in English (the unit and the day are named as the office wrote them)."""
    clock.set(at(MON))
    schedule(user("zy_head"), "/zhongyuan", MON + datetime.timedelta(days=3), place="一楼接待室")
    leader = user("zy_leader")
    leader.set_cookie("_LOCALE_", "en")
    centre = leader.get("/@@notifications").text
    assert "Reception day: 中原区教育局 2026年11月19日 09:00—11:30" in centre
    assert "Place: 一楼接待室. Please prepare for the reception in advance." in centre
    assert "接访日安排" not in centre
