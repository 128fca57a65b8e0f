"""Identity is masked everywhere; an unmasked view needs view_identity and is audited;
a whistle-blowing case is never visible to the unit or person it reports on."""

import io

from openpyxl import load_workbook

from portal.caching.http import NO_STORE
from portal.security.principals import user_principal as U
from portal.testing.web import csrf_token, login

from .conftest import YEAR

SECRETS = ("张三丰", "41010219800101123X", "13812345678", "建设路100号")


def path_of(res):
    return res.location.replace("http://localhost", "")


def assert_no_identity(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_pages_and_exports_are_masked(testapp, register):
    login(testapp, "city_officer")
    path = path_of(register(testapp))
    assert_no_identity(testapp.get(path).text)
    assert_no_identity(testapp.get("/@@cases").text)
    assert_no_identity(testapp.get("/").text)
    assert_no_identity(testapp.get("/@@search", {"q": "违规收费"}).text)
    book = load_workbook(io.BytesIO(testapp.get("/@@cases-export").body))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
    assert "张**" in cells
    assert_no_identity(cells)


def test_reveal_is_audited_and_needs_the_permission(app, register, site_of):
    from webtest import TestApp

    officer, admin, liaison = TestApp(app), TestApp(app), TestApp(app)
    login(officer, "city_officer")
    path = path_of(register(officer))
    page = officer.post(path + "@@reveal-identity", {"csrf_token": csrf_token(officer)})
    assert "张三丰" in page.text and "本次查看已记录" in page.text
    assert page.headers["Cache-Control"] == NO_STORE
    login(admin, "admin")
    log = admin.get("/@@identity-audit").text
    assert "李晓燕（郑州市教育局）" in log and f"郑教信〔{YEAR}〕0001" in log
    assert_no_identity(log)
    # a liaison of the school the case was assigned to still cannot reveal it
    login(liaison, "zy_s01_liaison")
    liaison.post(path + "@@reveal-identity", {"csrf_token": csrf_token(liaison)}, status=403)
    officer.post(path + "@@reveal-identity", {}, status=400)  # no CSRF token: refused
    with site_of(app) as site:
        assert len(site.identity_audit) == 1


def test_audit_log_is_for_administrators_only(testapp):
    login(testapp, "city_officer")
    testapp.get("/@@identity-audit", status=403)


def test_whistle_blowing_case_is_hidden_from_the_reported_unit(app, flow, site_of):
    """The shield holds along the whole chain: people granted on the reported unit or below it
    never see the case, whatever relation a grant elsewhere would give them."""
    from pyramid.threadlocal import manager

    from portal.security.localroles import grant

    # zy_head also works for the city petition office and leads it: the city's grants alone
    # would make them the registering unit's officer and leader
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            grant(site, U("zy_head"), "petition_officer", app.registry)
            grant(site, U("zy_head"), "principal_leader", app.registry)
            grant(site, U("zy_s01_liaison"), "leader", app.registry)  # below the reported unit
    finally:
        manager.pop()
    path = flow.register(subject="举报中原区教育局某干部", reported_unit="/zhongyuan")
    assert flow.case(path, lambda c: c.reported_unit) == "/zhongyuan"
    flow.docs(path, "acceptance_notice")
    flow.must("city_officer", path, "accept")
    for who in ("zy_head", "zy_s01_liaison"):
        flow.user(who).get(path, status=403)
        assert "举报中原区教育局某干部" not in flow.user(who).get("/@@cases").text
        assert "举报中原区教育局某干部" not in flow.user(who).get("/@@search", {"q": "举报"}).text
        assert "举报中原区教育局某干部" not in flow.home(who)
        assert not [t for t in flow.notices(who) if "待阅批" in t]
        flow.refused(who, path, "instruct", "试图阅批")
    assert flow.user("city_head").get(path).status_int == 200  # the city's own head handles it
    assert [t for t in flow.notices("city_leader") if "待阅批" in t]
    flow.must("city_leader", path, "instruct", "请市局直接查处")
    # it cannot be assigned into the reported unit or below it
    res = flow.assign("city_officer", path, "/zhongyuan/s01", "/jichu", status="*")
    text = res.follow().text if res.status_int == 302 else res.text
    assert "举报类信访事项不能交办给被举报单位或其上下级" in text
    assert flow.state(path) == "instructed"
    # a colleague granted on the reported unit after registration is kept out as well
    flow.assign("city_officer", path, "/jichu", "/renshi")
    manager.push({"registry": app.registry, "request": None})
    try:
        with site_of(app, commit=True) as site:
            grant(site["jichu"], U("zy_officer"), "department_handler", app.registry)
    finally:
        manager.pop()
    flow.user("zy_officer").get(path, status=403)
    assert flow.user("jichu_handler").get(path).status_int == 200


def test_search_index_never_holds_identity(app, register, site_of):
    from webtest import TestApp

    t = TestApp(app)
    login(t, "city_officer")
    register(t)
    with site_of(app) as site:
        from portal.catalog import search, text_query

        assert search(site, text_query(site, "张三丰")).total == 0
        assert search(site, text_query(site, "违规收费")).total >= 1
