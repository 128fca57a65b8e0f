"""Attack class: insecure direct object references across counties.

A Jinshui officer or school liaison who types the address of a Zhongyuan case, its documents
(page, print, PDF), its subpages, or Zhongyuan's ledgers and exports gets 403 and nothing of
it, for GET and for POST with a valid token; Jinshui's own exports hold nothing of Zhongyuan.
(Grants, the catalog and the sharing page are covered in tests/security/test_sharing.py,
tests/orgtree/test_isolation.py and tests/cases/test_catalog_agrees_with_policy.py.)
"""

from datetime import date

import pytest
from pyramid.traversal import find_resource, resource_path
from webtest import TestApp

from portal.testing.web import csrf_token, login
from tests.public.seeding import FULL, PETITIONER, Seeder

CASE_PAGES = [
    "",
    "@@history",
    "@@documents",
    "@@attachments",
    "@@publication",
    "@@query-code",
    "@@assign",
    "@@supervise",
    "@@remind",
    "@@extend",
    "@@volume",
    "@@add-document?code=handling_opinion",
    "@@attachment?n=1",
]
DOC_PAGES = ["", "@@print", "@@pdf", "@@edit", "@@sign-off", "@@correct"]
UNIT_PAGES = [
    "/zhongyuan/@@cases",
    "/zhongyuan/@@cases-export",
    "/zhongyuan/@@register-case",
    "/zhongyuan/@@reports-dashboard",
    "/zhongyuan/@@reports-export",
    "/zhongyuan/@@risk-ledger",
    "/zhongyuan/@@risk-ledger-export",
    "/zhongyuan/@@major-events",
    "/zhongyuan/@@major-events-export",
    "/zhongyuan/@@documents",
    "/zhongyuan/@@sharing",
    "/zhongyuan/s01/@@monthly-report",
    "/zhongyuan/s01/@@add-risk",
    "/zhongyuan/s01/@@major-event",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, demo_db_dir):
    import shutil

    from portal.testing.web import close_app, file_uri, make_app

    target = tmp_path_factory.mktemp("idor") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    case = Seeder(app)(
        "/zhongyuan", PETITIONER, subject="中原区某校违规收费专项", received_on=date(2026, 11, 2), steps=FULL
    )
    conn = app.registry._zodb_databases[""].open()
    docs = [
        resource_path(d)
        for d in find_resource(conn.root()["portal"], case).values()
        if getattr(d, "code", "")
    ]
    conn.close()
    yield app, case, docs
    close_app(app)


def _urls(case, docs):
    return [f"{case}/{p}" for p in CASE_PAGES] + [f"{d}/{p}" for d in docs for p in DOC_PAGES] + UNIT_PAGES


@pytest.mark.parametrize("who", ["js_officer", "js_s01_liaison"])
def test_another_county_gets_nothing_by_address(seeded, who):
    app, case, docs = seeded
    t = TestApp(app)
    login(t, who)
    token = csrf_token(t)
    for url in _urls(case, docs):
        got = t.get(url, expect_errors=True)
        assert got.status_int in (403, 404), (who, url, got.status_int)
        assert "违规收费专项" not in got.text and PETITIONER["name"] not in got.text
        posted = t.post(url, {"csrf_token": token, "save": "save", "action": "publish"}, expect_errors=True)
        assert posted.status_int in (403, 404), (who, url, posted.status_int)


def test_the_owning_county_reaches_the_same_addresses(seeded):
    """The other side: the addresses are real (so the refusals above mean something)."""
    app, case, docs = seeded
    t = TestApp(app)
    login(t, "zy_head")
    for url in [
        f"{case}/",
        f"{case}/@@history",
        f"{docs[0]}/",
        f"{docs[0]}/@@print",
        "/zhongyuan/@@cases",
        "/zhongyuan/@@cases-export",
    ]:
        assert t.get(url).status_int == 200, url


def test_a_county_export_holds_nothing_of_another_county(seeded):
    from tests.security.formula import xlsx_texts

    app, case, docs = seeded
    t = TestApp(app)
    login(t, "js_officer")
    for url in (
        "/jinshui/@@cases-export",
        "/jinshui/@@risk-ledger-export",
        "/jinshui/@@major-events-export",
        "/jinshui/@@reports-export",
    ):
        texts = xlsx_texts(t.get(url).body)
        assert not [x for x in texts if "中原" in x or "违规收费专项" in x], url
    page = t.get("/@@search", {"q": "违规收费专项"})
    assert case not in page.text and "找到 1 条结果" not in page.text
