"""To-do lists, the ledger with its filters and export, and leader case ownership."""

import io

from openpyxl import load_workbook
from pyramid.traversal import find_resource

from portal.testing.web import csrf_token, login

from .conftest import YEAR


def path_of(res):
    return res.location.replace("http://localhost", "")


def test_todo_shows_what_waits_for_each_role(app, register, add_docs):
    from webtest import TestApp

    officer, leader, liaison = TestApp(app), TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(leader, "city_leader")
    login(liaison, "zy_s01_liaison")
    path = path_of(register(officer))
    home = officer.get("/")
    assert f"郑教信〔{YEAR}〕0001" in home.text and "待受理" in home.text
    assert home.text.count(path + '"') == 1  # listed once
    assert f"郑教信〔{YEAR}〕0001" not in leader.get("/").text
    add_docs(path, "acceptance_notice")
    officer.post(path + "@@transition", {"transition": "accept", "csrf_token": csrf_token(officer)})
    assert "待阅批" in leader.get("/").text
    assert "待受理" not in officer.get("/").text and "待交办" not in officer.get("/").text
    leader.post(
        path + "@@transition",
        {"transition": "instruct", "comment": "请交办", "csrf_token": csrf_token(leader)},
    )
    assert "待阅批" not in leader.get("/").text and "待交办" in officer.get("/").text
    assert f"郑教信〔{YEAR}〕0001" not in liaison.get("/").text


def test_ledger_filters_and_export_match(app, register, site_of):
    from webtest import TestApp

    t = TestApp(app)
    login(t, "city_officer")
    register(t, subject="来信反映食堂问题", channel="letter")
    register(
        t,
        subject="来电反映校车安全",
        channel="call",
        confirm_new=True,
        petitioner={"name": "李四", "id_number": "", "phone": "13900001111", "address": ""},
    )
    all_cases = t.get("/@@cases")
    assert "共 2 件" in all_cases.text
    letters = t.get("/@@cases", {"channel": "letter"})
    assert "共 1 件" in letters.text and "食堂" in letters.text and "校车" not in letters.text
    assert "共 1 件" in t.get("/@@cases", {"q": "校车安全"}).text
    assert "共 0 件" in t.get("/@@cases", {"overdue": "1"}).text
    assert "共 2 件" in t.get("/@@cases", {"state": "registered"}).text
    book = load_workbook(io.BytesIO(t.get("/@@cases-export", {"channel": "call"}).body))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][2] == "来电" and rows[1][3] == "李*"
    # a county officer's ledger shows none of the city's cases
    login(t, "zy_officer")
    assert "共 0 件" in t.get("/zhongyuan/@@cases").text
    t.get("/@@cases", status=403)


def test_ownership_and_the_five_day_report(app, register, site_of, add_docs):
    from webtest import TestApp

    officer, leader = TestApp(app), TestApp(app)
    login(officer, "city_officer")
    login(leader, "city_leader")
    path = path_of(register(officer, subject="赴京上访：反映教师待遇", confirm_new=True))
    with site_of(app, commit=True) as site:
        find_resource(site, path).level_skipping = "beijing"
    add_docs(path, "acceptance_notice")
    officer.post(path + "@@transition", {"transition": "accept", "csrf_token": csrf_token(officer)})
    page = leader.get(path)
    assert "建议包案：越级上访（赴京）" in page.text
    officer.post(path + "@@take-ownership", {"csrf_token": csrf_token(officer)}, status=403)
    leader.post(path + "@@take-ownership", {"csrf_token": csrf_token(leader)}, status=302)
    assert "赴京上访" in leader.get("/@@owned-cases").text
    with site_of(app) as site:
        case = find_resource(site, path)
        assert case.owner == "city_leader" and case.deadlines["ownership_report"].is_open
    add_docs(path, "ownership_report", actor="city_officer")
    with site_of(app) as site:
        assert not find_resource(site, path).deadlines["ownership_report"].is_open
    assert "赴京上访" not in officer.get("/@@owned-cases").text


def test_nav_ledger_goes_to_the_users_unit(testapp):
    login(testapp, "zy_officer")
    assert testapp.get("/@@ledger", status=302).location == "http://localhost/zhongyuan/@@cases"
    login(testapp, "city_officer")
    assert testapp.get("/@@ledger", status=302).location == "http://localhost/@@cases"


def test_assigned_cases_are_not_listed_as_the_users_units(flow):
    path = flow.instructed(subject="不应出现在机构列表中的事项")
    flow.assign("city_officer", path, "/zhongyuan/s01")
    units = flow.user("zy_s01_liaison").get("/@@units").text
    assert "中原区第一中学" in units and "不应出现在机构列表中的事项" not in units
