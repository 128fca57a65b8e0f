"""Nothing lost under load: concurrent filings by many units, and the same form twice at once,
on a FileStorage and on PostgreSQL through RelStorage."""

import threading

import pytest
from webtest import TestApp

from portal.reports.store import get_store
from portal.testing.web import csrf_token, login

from .conftest import MONTH, monthly_values

WORKERS = 4  # like a server's worker threads: requests beyond them wait for one


@pytest.fixture(params=["file", "postgresql"])
def app(request, app_factory):
    """The demo database on a FileStorage, then on PostgreSQL (RelStorage)."""
    if request.param == "file":
        return app_factory()
    from portal.testing.web import close_app, make_app

    application = make_app(request.getfixturevalue("pg_demo"))
    request.addfinalizer(lambda: close_app(application))
    return application


def _run_all(targets):
    errors = []
    workers = threading.Semaphore(WORKERS)

    def guarded(fn):
        with workers:
            try:
                fn()
            except Exception as exc:  # reported below
                errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(fn,)) for fn in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_many_units_file_at_once_and_none_is_lost(app, site_of, add_liaison, fields):
    schools = [f"s{i:02d}" for i in range(1, 6)]
    counties = ("erqi", "guancheng", "shangjie")
    clients = []
    for county in counties:
        for school in schools:
            name = f"{county}_{school}"
            add_liaison(name, f"/{county}/{school}")
            t = TestApp(app)
            login(t, name)
            clients.append((t, f"/{county}/{school}", csrf_token(t)))

    def filer(t, path, token):
        # the form is built here, not in the thread: compiling templates in several threads at
        # once trips a CPython 3.11 parser bug in the test client, not in the portal
        data = fields(
            "monthly_report", monthly_values(skipping=1), [("csrf_token", token), ("submit", "submit")]
        )

        def run():
            t.post(f"{path}/@@monthly-report?month={MONTH}", data, status=302)

        return run

    errors = _run_all([filer(*c) for c in clients])
    assert errors == []
    with site_of(app) as site:
        rows = get_store(site).monthly[MONTH]
        assert len(rows) == len(clients)
        assert {r.state for r in rows.values()} == {"submitted"}
        for _t, path, _token in clients:
            county, school = path.strip("/").split("/")
            assert site[county][school][f"report-{MONTH}"].workflow_state == "submitted"


def test_the_same_form_posted_twice_at_once_makes_one_report(app, site_of, fields):
    t1, t2 = TestApp(app), TestApp(app)
    login(t1, "zy_s01_liaison")
    login(t2, "zy_s01_liaison")
    tokens = csrf_token(t1), csrf_token(t2)

    def post(t, token):
        data = fields("monthly_report", monthly_values(), [("csrf_token", token), ("submit", "submit")])

        def run():
            t.post(f"/zhongyuan/s01/@@monthly-report?month={MONTH}", data, status=302)

        return run

    assert _run_all([post(t1, tokens[0]), post(t2, tokens[1])]) == []
    with site_of(app) as site:
        unit = site["zhongyuan"]["s01"]
        assert [k for k in unit.keys() if k.startswith("report-")] == [f"report-{MONTH}"]
        report = unit[f"report-{MONTH}"]
        assert report.workflow_state == "submitted" and len(report) == 1
        assert [e.transition for e in report.workflow_history].count("submit") == 1
