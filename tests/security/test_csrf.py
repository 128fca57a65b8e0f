"""Attack class: cross-site request forgery.

Every view that changes anything requires the session's CSRF token on POST: the default is on
(``portal.identity``) and no view turns it off (checked over every registered view). Then each
form of the portal, posted as a user allowed to use it but without the token, answers 400
(页面已过期) and writes nothing to the database.
"""

from datetime import date

import pytest
from pyramid.interfaces import IDefaultCSRFOptions
from pyramid.traversal import resource_path
from webtest import TestApp

from portal.testing.web import login
from tests.public.seeding import FULL, PETITIONER, Seeder

POSTS = [  # (who, path); {case} and {doc} are filled in with a seeded case and its document
    ("zy_officer", "/zhongyuan/@@register-case"),
    ("zy_officer", "{case}/@@assign"),
    ("zy_officer", "{case}/@@supervise"),
    ("zy_officer", "{case}/@@remind"),
    ("zy_officer", "{case}/@@transition"),
    ("zy_officer", "{case}/@@reveal-identity"),
    ("zy_officer", "{case}/@@attachments"),
    ("zy_officer", "{case}/@@add-document?code=handling_opinion"),
    ("zy_officer", "{case}/@@query-code"),
    ("zy_head", "{case}/@@publication"),
    ("zy_leader", "{case}/@@extend"),  # the county leader: the case is Zhongyuan's
    ("zy_officer", "{doc}/@@edit"),
    ("zy_officer", "{doc}/@@sign-off"),
    ("zy_head", "/zhongyuan/@@sharing"),
    ("zy_head", "/zhongyuan/@@add-unit"),
    ("zy_head", "/zhongyuan/s01/@@edit-unit"),
    ("zy_head", "/zhongyuan/s01/@@set-active"),
    ("zy_head", "/zhongyuan/@@import-tree"),
    ("zy_head", "/zhongyuan/@@reception-days"),
    ("zy_officer", "/zhongyuan/@@reports-remind"),
    ("zy_s01_liaison", "/zhongyuan/s01/@@monthly-report"),
    ("zy_s01_liaison", "/zhongyuan/s01/@@add-risk"),
    ("zy_s01_liaison", "/zhongyuan/s01/@@major-event"),
    ("city_officer", "/@@public-pages"),
    ("city_officer", "/@@sensitive-periods"),
    ("admin", "/@@settings"),
    ("admin", "/@@directory"),
    ("admin", "/@@holiday-calendar"),
    ("admin", "/@@notifications"),
    ("admin", "/@@logout"),
    (None, "/login"),
    (None, "/public/query"),
    (None, "/public/petition"),
]


def test_every_view_requires_the_token():
    import tempfile

    from portal.testing.web import close_app, file_uri, make_app

    app = make_app(file_uri(tempfile.mkdtemp()))
    try:
        assert app.registry.getUtility(IDefaultCSRFOptions).require_csrf is True
        exempt = [
            i["introspectable"]
            for i in app.registry.introspector.get_category("views")
            if i["introspectable"].get("require_csrf") is False
            and not i["introspectable"].get("exception_only")
        ]
        assert exempt == []
    finally:
        close_app(app)


@pytest.fixture(scope="module")
def targets(tmp_path_factory, demo_db_dir):
    """One app (a private copy of the demo) with a replied case in Zhongyuan."""
    import shutil

    from portal.testing.web import close_app, file_uri, make_app

    target = tmp_path_factory.mktemp("csrf") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target), **{"portal.public.min_form_seconds": "0"})
    case = Seeder(app)("/zhongyuan", PETITIONER, received_on=date(2026, 11, 2), steps=FULL[:2])
    db = app.registry._zodb_databases[""]
    conn = db.open()
    from pyramid.traversal import find_resource

    doc = next(
        d
        for d in find_resource(conn.root()["portal"], case).values()
        if getattr(d, "code", "") and not getattr(d, "frozen", True)
    )
    paths = {"case": case, "doc": resource_path(doc)}
    conn.close()
    yield app, paths
    close_app(app)


@pytest.mark.parametrize("who,path", POSTS)
def test_a_post_without_the_token_changes_nothing(targets, who, path):
    app, paths = targets
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "10.2.0.1"})
    if who:
        login(t, who)
    url = path.format(**paths)
    t.get(url, expect_errors=True)  # the page a forger would copy
    db = app.registry._zodb_databases[""]
    before = db.lastTransaction()
    for token in (None, "forged-token"):
        fields = {"save": "save", "action": "publish", "name": "x", "subject": "x"}
        if token:
            fields["csrf_token"] = token
        res = t.post(url, fields, expect_errors=True)
        assert res.status_int == 400, (who, url, res.status_int)
        assert "页面已过期" in res.text
    assert db.lastTransaction() == before
