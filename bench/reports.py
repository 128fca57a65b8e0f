"""Benchmark of the monthly report under load: 3,000 units file within a minute, then the
dashboards over 3,000 units and 12 months of reports. Run by hand, never by the test suite::

    .venv/bin/python bench/reports.py                     # full size (3000 schools, 11 past months)
    .venv/bin/python bench/reports.py --schools 300 --past-months 2 --samples 10   # quick

What it does, in one run (see bench/README.md for the figures it prints):

1. starts ``runzeo`` on a fresh FileStorage in a temporary directory (as tests/storage/test_zeo.py
   does) and builds the real application on ``zeo://127.0.0.1:<port>``;
2. builds the city, the 16 counties (sections, an officer each) and ``--schools`` schools spread
   over them, each with one liaison account; every account shares one precomputed argon2 hash
   of a real password, so set-up hashes once;
3. files ``--past-months`` months of reports for every school through ``portal.reports.monthly``
   (submitted by the school, accepted by the county), committed per county and month;
4. serves the app with waitress (``--threads`` worker threads) on 127.0.0.1 and, from a separate
   client process with ``--clients`` connections, has every school's liaison POST this month's
   form once (the real form fields, the real CSRF check, the real workflow); the timed span is
   from the first request to the last response; every response must be the 302 to the report;
5. checks that exactly one report per school exists and that the month's ledger holds exactly
   ``--schools`` submitted rows, then times ``GET /@@reports-dashboard`` (the city) and
   ``GET /<county>/@@reports-dashboard`` and ``GET /<county>/@@monthly-report`` (a county's
   roll-up form) over HTTP, ``--samples`` times each, and prints p50/p95/max.

Sessions: 20 liaisons sign in through the real /login form (one argon2 verification each,
≈145 ms here); the others get the same session cookie the portal's sign-in would set, signed
with this run's own session secret, because 3,000 argon2 verifications would add ~7 minutes of
set-up without touching what is measured. Every request goes to 127.0.0.1 only.
"""

import argparse
import http.client
import logging
import math
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
import types
import warnings
from urllib.parse import urlencode

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import transaction  # noqa: E402
from pyramid.threadlocal import manager  # noqa: E402

from portal.demo.data import COUNTIES, COUNTY_SECTIONS, SCHOOL_PATTERNS, county_prefix  # noqa: E402
from portal.identity import passwords  # noqa: E402
from portal.identity.users import User  # noqa: E402
from portal.resources import Unit  # noqa: E402
from portal.security.localroles import grant  # noqa: E402
from portal.security.principals import user_principal  # noqa: E402
from portal.testing.web import close_app, make_app  # noqa: E402
from portal.testing.zeo import ZeoServer  # noqa: E402

PASSWORD = "Bench-2026-xinfang"
SECRET = os.urandom(24).hex()
REAL_SIGNINS = 20


def say(text=""):
    print(text, flush=True)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[max(0, min(len(values) - 1, math.ceil(p / 100.0 * len(values)) - 1))]


def check(condition, message):
    if not condition:
        raise SystemExit("CHECK FAILED: " + message)


# -- ZEO ---------------------------------------------------------------------------------------


def start_zeo(tmp):
    """runzeo over ``tmp``; returns (server, uri) — see portal.testing.zeo."""
    server = ZeoServer(tmp).start()
    return server, server.uri(f"{tmp}/client-blobs", connection_cache_size=50000, connection_pool_size=16)


# -- building ----------------------------------------------------------------------------------


def schools_per_county(total):
    base, extra = divmod(total, len(COUNTIES))
    return [base + (1 if i < extra else 0) for i in range(len(COUNTIES))]


def build(app, schools):
    """The tree, the accounts and their grants; returns [(county key, [school keys])]."""
    db = app.registry._zodb_databases[""]
    real_hash = passwords.hash_password(PASSWORD)
    plan = []
    manager.push({"registry": app.registry, "request": None})
    try:
        for (key, title), count in zip(COUNTIES, schools_per_county(schools)):
            conn = db.open()
            site = conn.root()["portal"]
            county = site.add(key, Unit(title, "county_bureau", code=key), registry=app.registry)
            for skey, stitle, kind in COUNTY_SECTIONS:
                county.add(skey, Unit(stitle, kind), registry=app.registry)
            officer = f"{key}_officer"
            _user(site, officer, f"{title}信访工作人员", real_hash)
            grant(county, user_principal(officer), "petition_officer", app.registry)
            keys = []
            for i in range(count):
                pattern = SCHOOL_PATTERNS[i % len(SCHOOL_PATTERNS)]
                skey = f"s{i + 1:03d}"
                county.add(
                    skey, Unit(f"{county_prefix(title)}{pattern}{i + 1}", "school"), registry=app.registry
                )
                login = f"{key}_{skey}"
                _user(site, login, f"联络员{login}", real_hash)
                grant(county[skey], user_principal(login), "unit_liaison", app.registry)
                keys.append(skey)
            if key == COUNTIES[0][0]:
                _user(site, "bench_city", "市信访处", real_hash)
                grant(site, user_principal("bench_city"), "petition_officer", app.registry)
            transaction.commit()
            conn.close()
            plan.append((key, keys))
    finally:
        manager.pop()
    return plan


def _user(site, login, title, password_hash):
    user = site.users.add(User(login, title))
    user.password_hash = password_hash
    return user


class StubRequest:
    """What ``portal.reports.monthly`` needs of a request, for building past months in-process."""

    def __init__(self, registry, root, userid):
        self.registry = registry
        self.root = root
        self.authenticated_userid = userid
        self.user_principals = ["system.Everyone", "system.Authenticated", userid]

    def has_permission(self, permission, context):
        return True


def past_months(app, plan, months, values):
    """Every school files and its county accepts ``months`` (YYYY-MM), one commit per county."""
    from datetime import timedelta

    from portal.clock import at
    from portal.reports.monthly import save_report
    from portal.reports.months import first_day
    from portal.workflow import fire

    db = app.registry._zodb_databases[""]
    manager.push({"registry": app.registry, "request": None})
    try:
        for month in months:
            when = at(first_day(month) + timedelta(days=20), 8)
            for county_key, schools in plan:
                conn = db.open()
                site = conn.root()["portal"]
                county = site[county_key]
                reviewer = StubRequest(app.registry, site, f"{county_key}_officer")
                for skey in schools:
                    filer = StubRequest(app.registry, site, f"{county_key}_{skey}")
                    result = save_report(
                        county[skey], month, dict(values, month=month), filer, submit=True, when=when
                    )
                    fire(
                        result.report,
                        "accept",
                        reviewer,
                        actor=reviewer.authenticated_userid,
                        when=when + timedelta(hours=2),
                        notify=app.registry.notify,
                    )
                transaction.commit()
                conn.close()
    finally:
        manager.pop()


# -- sessions ----------------------------------------------------------------------------------


def forged_cookie(login, csrf):
    """The session cookie the portal's sign-in sets (see portal.identity.session.remember)."""
    from pyramid.session import JSONSerializer
    from webob.cookies import SignedSerializer

    from portal.identity.session import SESSION_AUTH_AT, SESSION_EPOCH, SESSION_USER

    now = time.time()
    state = {SESSION_USER: login, SESSION_AUTH_AT: now, SESSION_EPOCH: 0, "_csrft_": csrf}
    serializer = SignedSerializer(SECRET, "pyramid.session.", "sha512", serializer=JSONSerializer())
    return "portal_session=" + serializer.dumps((now, now, state)).decode()


def real_signin(port, login):
    """Sign in through /login; returns (cookie, csrf token)."""
    import re

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/login")
    res = conn.getresponse()
    page = res.read().decode()
    cookie = res.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    fields = {"login": login, "password": PASSWORD, "submit": "登录"}
    if token:
        fields["csrf_token"] = token.group(1)
    conn.request(
        "POST",
        "/login",
        urlencode(fields),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    res = conn.getresponse()
    res.read()
    check(res.status == 302, f"sign-in of {login} answered {res.status}")
    cookie = res.getheader("Set-Cookie", "").split(";")[0]
    conn.request("GET", "/@@logout", headers={"Cookie": cookie})
    res = conn.getresponse()
    page = res.read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    conn.close()
    return cookie, csrf


# -- the load ----------------------------------------------------------------------------------


def form_body_template(values):
    """The (name, value) pairs a browser submits for the monthly report form (csrf added later)."""
    import bs4
    import deform
    import webtest.forms

    from schemas import get_document_type

    form = deform.Form(get_document_type("monthly_report").schema(), formid="portal-form")
    text = form.render(values)
    page = types.SimpleNamespace(html=bs4.BeautifulSoup(text, "html.parser"))
    return [(k, v) for k, v in webtest.forms.Form(page, text).submit_fields() if k]


def client_process(port, jobs, clients, month, fields, out):
    """Child process: POST every job (path, cookie, csrf) from ``clients`` threads."""
    results = []
    lock = threading.Lock()
    queue = list(jobs)

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not queue:
                    break
                path, cookie, csrf = queue.pop()
            body = urlencode(fields + [("csrf_token", csrf), ("submit", "submit")])
            started = time.perf_counter()
            try:
                conn.request(
                    "POST",
                    f"{path}/@@monthly-report?month={month}",
                    body,
                    {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
                )
                res = conn.getresponse()
                res.read()
                status, location = res.status, res.getheader("Location", "")
            except Exception as exc:  # counted as an error response
                status, location = 599, repr(exc)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                results.append((path, status, location, time.perf_counter() - started))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((time.perf_counter() - started, results))


def timed_gets(port, cookie, paths, samples, expect):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    durations = []
    for i in range(samples + 1):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie})
        res = conn.getresponse()
        body = res.read()
        elapsed = time.perf_counter() - started
        check(res.status == 200, f"GET {path} answered {res.status}")
        check(expect.encode() in body, f"GET {path} does not show {expect!r}")
        if i:  # the first one warms the caches
            durations.append(elapsed)
    conn.close()
    return durations


def line(label, durations):
    return (
        f"  {label:<44} n={len(durations):<4} p50 {percentile(durations, 50) * 1000:8.1f}  "
        f"p95 {percentile(durations, 95) * 1000:8.1f}  max {max(durations) * 1000:8.1f} ms"
    )


def report_values(month):
    import datetime

    return {
        "unit": "本单位",
        "reporter": "联络员",
        "reporter_phone": "0371-65551234",
        "month": month,
        "level_skipping": [
            {
                "occurred_on": datetime.date(2025, 12, 3),
                "destination": "city",
                "headcount": 3,
                "subject": "教师绩效工资",
                "handling": "已接回并登记办理。",
            }
        ],
        "risks": [],
        "major_cases": [],
        "incidents": [],
        "other_matters": "无",
        "unit_leader": "校长",
        "reported_on": datetime.date(2025, 12, 20),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schools", type=int, default=3000)
    parser.add_argument("--past-months", type=int, default=11)
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--clients", type=int, default=16, help="concurrent client connections")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    import waitress

    from portal.reports.months import current_month, previous_months
    from portal.reports.store import get_store

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is the load

    began = time.time()
    tmp = tempfile.mkdtemp(prefix="bench-reports-")
    zeo, uri = start_zeo(tmp)
    app = server = None
    try:
        say(f"ZEO on {uri.split('?')[0]}, data in {tmp}")
        app = make_app(uri, **{"session.secret": SECRET, "portal.demo": "false"})
        t0 = time.time()
        plan = build(app, args.schools)
        say(
            f"built {len(COUNTIES)} counties, {args.schools} schools and "
            f"{args.schools + len(COUNTIES) + 1} accounts in {time.time() - t0:.1f} s"
        )
        month = current_month()
        past = list(reversed(previous_months(month, args.past_months + 1)[1:]))
        t0 = time.time()
        past_months(app, plan, past, report_values(month))
        say(
            f"filed and accepted {len(past)} past months ({len(past) * args.schools} reports) "
            f"in {time.time() - t0:.1f} s"
        )

        server = waitress.create_server(
            app, host="127.0.0.1", port=0, threads=args.threads, connection_limit=args.clients + 20
        )
        threading.Thread(target=server.run, daemon=True).start()
        port = server.effective_port

        jobs, t0 = [], time.time()
        logins = [(f"/{c}/{s}", f"{c}_{s}") for c, schools in plan for s in schools]
        for i, (path, login) in enumerate(logins):
            if i < REAL_SIGNINS:
                cookie, csrf = real_signin(port, login)
            else:
                csrf = os.urandom(20).hex()
                cookie = forged_cookie(login, csrf)
            jobs.append((path, cookie, csrf))
        say(f"sessions ready in {time.time() - t0:.1f} s ({REAL_SIGNINS} through /login)")

        fields = [(k, v) for k, v in form_body_template(report_values(month)) if k not in ("csrf_token",)]
        out = multiprocessing.get_context("fork").Queue()
        child = multiprocessing.get_context("fork").Process(
            target=client_process, args=(port, jobs, args.clients, month, fields, out)
        )
        child.start()
        wall, results = out.get()
        child.join()
        errors = [r for r in results if r[1] != 302 or not r[2].endswith(f"report-{month}/")]
        times = [r[3] for r in results]
        say(
            f"\nfiling: {len(results)} POSTs of the monthly report from {args.clients} "
            f"connections to waitress ({args.threads} threads) on ZEO in {wall:.1f} s "
            f"({len(results) / wall:.0f}/s); error responses: {len(errors)}"
        )
        say(line("POST @@monthly-report (per request)", times))
        for path, status, location, _t in errors[:5]:
            say(f"  ERROR {status} {path} {location[:120]}")

        db = app.registry._zodb_databases[""]
        conn = db.open()
        site = conn.root()["portal"]
        rows = get_store(site).monthly.get(month) or {}
        found = sum(
            1
            for c, schools in plan
            for s in schools
            if site[c][s].get(f"report-{month}") is not None
            and site[c][s][f"report-{month}"].workflow_state == "submitted"
        )
        documents = sum(
            len(site[c][s][f"report-{month}"])
            for c, schools in plan
            for s in schools
            if site[c][s].get(f"report-{month}") is not None
        )
        say(
            f"reports this month: {found} submitted report objects, {documents} documents, "
            f"{len(rows)} ledger rows ({sum(1 for r in rows.values() if r.state == 'submitted')}"
            f" submitted)"
        )
        conn.close()
        check(not errors, f"{len(errors)} error responses")
        check(
            found == args.schools and len(rows) == args.schools and documents == args.schools,
            "not exactly one report per school",
        )
        check(wall <= 60 or args.schools < 3000, f"filing took {wall:.1f} s (> 60 s)")

        city_cookie = forged_cookie("bench_city", "x" * 40)
        county_paths = [f"/{c}/@@reports-dashboard?month={month}" for c, _s in plan]
        rollup_paths = [f"/{c}/@@monthly-report?month={month}" for c, _s in plan]
        say(
            f"\ndashboards over {args.schools} schools and {len(past) + 1} months of reports "
            f"({args.samples} samples each, caches warm):"
        )
        say(
            line(
                "GET /@@reports-dashboard (city)",
                timed_gets(
                    port, city_cookie, [f"/@@reports-dashboard?month={month}"], args.samples, "全市合计"
                ),
            )
        )
        officer_cookies = {c: forged_cookie(f"{c}_officer", "y" * 40) for c, _s in plan}
        durations = []
        for i in range(args.samples):
            c = plan[i % len(plan)][0]
            durations += timed_gets(port, officer_cookies[c], [county_paths[i % len(plan)]], 1, "所属单位")
        say(line("GET /<county>/@@reports-dashboard", durations))
        durations = []
        for i in range(args.samples):
            c = plan[i % len(plan)][0]
            durations += timed_gets(port, officer_cookies[c], [rollup_paths[i % len(plan)]], 1, "【")
        say(line("GET /<county>/@@monthly-report (roll-up form)", durations))
        say(
            line(
                "GET /@@reports-export (city xlsx)",
                timed_gets(
                    port, city_cookie, [f"/@@reports-export?month={month}"], max(3, args.samples // 3), ""
                ),
            )
        )
        say(
            f"\ntotal {time.time() - began:.0f} s; Data.fs "
            f"{os.path.getsize(os.path.join(tmp, 'Data.fs')) / 2**20:.0f} MiB"
        )
    finally:
        if server is not None:
            logging.getLogger("waitress").setLevel(logging.CRITICAL)  # closing open channels
            server.close()
        if app is not None:
            close_app(app)
        zeo.stop()
        if args.keep:
            say(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
