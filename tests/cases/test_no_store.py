"""Staff pages are never kept by a shared cache or a browser's disk: case pages, documents,
their print pages and PDFs, ledgers and exports answer ``Cache-Control: private, no-store``."""

from webtest import TestApp

from portal.testing.web import login

NO_STORE = "private, no-store"


def test_every_page_showing_a_case_or_its_petitioner_is_no_store(app, register):
    officer = TestApp(app)
    login(officer, "city_officer")
    case = register(officer).location.replace("http://localhost", "")
    document = case + next(name for name in ("doc-0001/",))
    for url in (
        case,
        case + "@@attachments",
        document,
        document + "@@print",
        document + "@@pdf",
        "/@@cases",
        "/@@cases-export",
        "/@@ledger",
        "/",
        "/zhongyuan/",
    ):
        res = officer.get(url)
        assert res.headers["Cache-Control"] == NO_STORE, url
        assert "ETag" not in res.headers, url


def test_the_sign_in_page_and_errors_are_no_store_too(app):
    anon = TestApp(app)
    assert anon.get("/login").headers["Cache-Control"] == NO_STORE
    assert anon.get("/zhongyuan/", status=302).headers["Cache-Control"] == NO_STORE  # sign in
    liaison = TestApp(app)
    login(liaison, "zy_s01_liaison")
    assert liaison.get("/jinshui/", status=403).headers["Cache-Control"] == NO_STORE


def test_a_view_that_sets_its_own_policy_keeps_it(app, register):
    officer = TestApp(app)
    login(officer, "city_officer")
    case = register(officer).location.replace("http://localhost", "")
    assert officer.get("/@@health").headers["Cache-Control"] == "no-store"
    assert officer.get(case).headers["Cache-Control"] == NO_STORE
