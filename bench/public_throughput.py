"""Throughput of the public area against a bare Pyramid floor, measured with wrk.

Run by hand, never by the test suite::

    .venv/bin/python bench/public_throughput.py                    # demo + 300 cases, ~2 min
    .venv/bin/python bench/public_throughput.py --reuse DIR        # a bench/cases.py --keep database
    .venv/bin/python bench/public_throughput.py --duration 3 --rounds 1   # quick

It builds the demo database in a temporary directory (through the real application), registers
``--cases`` cases spread over the counties and months (``register_case`` and the real workflow,
documents included) and publishes ``--published`` of them — or, with ``--reuse DIR``, serves a
database kept by ``bench/cases.py --keep`` (200,000 cases) after publishing one of its cases.
Then it serves two WSGI apps side by side, each in its own process with waitress on 127.0.0.1
and the same ``--threads``:

- **floor**: a bare Pyramid app with one view returning a short text (plain waitress);
- **portal**: the real application on the database (FileStorage), served as production.ini
  serves it (waitress with ``portal.operations.server``'s keep-alive after a 304).

Every target is first fetched once with http.client and checked (status and a marker text; the
304 must come back empty with the same ETag). Then wrk (``--wrk-threads`` threads,
``--connections`` keep-alive connections, ``--duration`` seconds, after a ``--warmup``) loads
each target in turn, for ``--rounds`` interleaved rounds (so that other load on the machine hits
every target alike); a run with any non-2xx/3xx answer or socket error stops the bench. The
medians are compared with the floor's median:

- progress page ``/public/progress/<key>`` — target ≥ 60% of the floor;
- the same page answered 304 to ``If-None-Match`` — target ≥ 80%;
- statistics page ``/public/statistics?year=Y`` — target ≥ 40% (at 200,000 cases: ``--reuse``);
- the public CSS file through the portal (its URL carries its content token) — target: at
  least the progress page's throughput;
- for context, the public index ``/public/``.
"""

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

TARGETS = {"progress page": 0.60, "304 answer": 0.80, "statistics page": 0.40}


class _Grant:
    """What ``fire`` needs of a request while building data (every permission granted)."""

    def __init__(self, registry, site):
        self.registry, self.root = registry, site

    def has_permission(self, permission, context):
        return True


def build(directory, n_cases, n_published):
    """Demo tree + ``n_cases`` cases (a third replied and rated); returns a published key."""
    import transaction
    from pyramid.threadlocal import manager

    from portal import clock
    from portal.cases import assignment
    from portal.cases.lifecycle import register_case
    from portal.demo.cases import MAIN_LINE
    from portal.demo.data import COUNTIES
    from portal.documents.api import add_document
    from portal.public import publication
    from portal.testing.web import close_app, file_uri, make_app
    from portal.time_limits import get_calendar
    from portal.workflow import fire
    from portal.workflow.config import documents_present

    app = make_app(file_uri(directory), **{"portal.demo": "true"})
    registry = app.registry
    manager.push({"registry": registry, "request": None})
    conn = registry._zodb_databases[""].open()
    key = None
    try:
        site = conn.root()["portal"]
        workflow = registry["portal.workflows"]["case"]
        calendar = get_calendar(site)
        grant = _Grant(registry, site)
        steps = MAIN_LINE[: MAIN_LINE.index("rate") + 1]  # 第五章第一节 up to the rating
        docs = {
            "accept": ("acceptance_notice",),
            "assign": ("assignment_slip",),
            "submit_opinion": ("investigation_report", "handling_opinion"),
            "conclude": ("closing_report",),
            "reply": ("reply",),
            "rate": ("satisfaction_rating",),
        }
        for i in range(n_cases):
            county = COUNTIES[i % len(COUNTIES)][0]
            received = date(2026, 1 + i % 10, 1 + i % 27)
            when = clock.at(received, 10)
            person = {
                "name": f"测试{i:04d}号",
                "gender": "",
                "id_number": "",
                "phone": f"1390000{i:04d}",
                "address": "",
                "work_unit": "",
            }
            values = {
                "channel": "visit",
                "received_on": received,
                "petitioner": person,
                "is_group": False,
                "headcount": 1,
                "representatives": [],
                "level_skipping": "none",
                "urgency": "normal",
                "subject": f"反映学校收费问题（{i}）",
                "problem": f"联系电话{person['phone']}。",
                "demands": "要求退费。",
                "remarks": "",
                "handed_down_by": "",
                "handed_down_ref": "",
            }
            case = register_case(site[county], values, "bench", workflow, calendar, registry, when=when)
            depth = (3, 6, 9)[i % 3]  # assigned; opinion approved; replied and rated
            for step in steps[:depth]:
                when += timedelta(days=3)
                comment = "请依法依规办理" if step == "instruct" else ""  # 阅批 needs one
                if step == "assign":
                    target = site[county]["s01"]
                    assignment.assign(case, target, registry)
                    comment = f"交办给{target.title}"
                for code in docs.get(step, ()):
                    appstruct = {"note": code}
                    if code == "reply":
                        appstruct = {"addressee_kind": "petitioner", "content": "已责令退费。"}
                    if code == "satisfaction_rating":
                        appstruct = {
                            "rating": ("satisfied", "unsatisfied")[i % 2],
                            "rated_on": clock.as_date(when),
                        }
                    add_document(case, code, appstruct, "bench", registry=registry, when=when)
                fire(
                    case,
                    step,
                    grant,
                    actor="bench",
                    comment=comment,
                    when=when,
                    documents_present=documents_present,
                    notify=registry.notify,
                )
            if i < n_published:
                key = publication.publish(case, "bench").key
            if i % 50 == 49:
                transaction.commit()
        transaction.commit()
    finally:
        transaction.abort()  # after a failure: the connection can close, the error shows
        conn.close()
        manager.pop()
        close_app(app)
    return key


def publish_one(directory):
    """Publish one case of a kept bench/cases.py database (an archived one); return its key
    and the year with the most cases."""
    import transaction
    from hypatia.query import Eq
    from pyramid.threadlocal import manager

    from portal.catalog import search
    from portal.public import publication
    from portal.public.store import get_store
    from portal.testing.web import close_app, file_uri, make_app

    app = make_app(file_uri(directory))
    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        site = conn.root()["portal"]
        store = get_store(site)
        key = next(iter(store.projections.keys()), None)
        if key is None:
            cases = search(site, Eq(site.catalog["state"], "archived")).page(0, 1)
            key = publication.publish(cases[0], "bench").key
            transaction.commit()
        year = max(
            range(2020, date.today().year + 1),
            key=lambda y: site.catalog["received_on"].applyInRange(date(y, 1, 1), date(y, 12, 31)).__len__(),
        )
        return key, year
    finally:
        conn.close()
        manager.pop()
        close_app(app)


def hello_app():
    from pyramid.config import Configurator
    from pyramid.response import Response

    def hello(request):
        return Response("Hello, 郑州", content_type="text/plain", charset="utf-8")

    config = Configurator()
    config.add_route("hello", "/")
    config.add_view(hello, route_name="hello")
    return config.make_wsgi_app()


def serve(kind, uri, port, threads, ready):
    """Child process: build the app and serve it with waitress until terminated."""
    import logging

    import waitress

    logging.disable(logging.WARNING)
    create = waitress.create_server
    if kind == "floor":
        app = hello_app()
    else:
        from portal.operations.server import create_server as create  # production's server
        from portal.testing.web import make_app

        app = make_app(uri, **{"portal.auto_evolve": "false"})
    server = create(
        app, host="127.0.0.1", port=port, threads=threads, connection_limit=200, channel_timeout=30
    )
    ready.set()
    server.run()


def start(kind, uri, threads):
    from portal.testing.slapd import free_port

    port = free_port()
    ready = multiprocessing.Event()
    proc = multiprocessing.Process(target=serve, args=(kind, uri, port, threads, ready), daemon=True)
    proc.start()
    if not ready.wait(600):
        raise SystemExit(f"{kind} server did not start")
    time.sleep(0.3)
    return proc, port


def fetch(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers or {})
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, res.msg, body  # res.msg: headers, looked up case-insensitively


def check(port, path, marker, status=200, headers=None):
    got, response_headers, body = fetch(port, path, headers)
    if got != status or (marker and marker not in body) or (status == 304 and body):
        raise SystemExit(
            f"CHECK FAILED: GET {path} answered {got} ({body[:200]!r}), expected {status} with {marker!r}"
        )
    return response_headers


def wrk(port, path, args, headers=(), seconds=None):
    """Requests per second of wrk against ``path``; stops the bench on any error."""
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{seconds or args.duration}s",
        "--latency",
    ]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://127.0.0.1:{port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, timeout=600).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if bad or errors:
        raise SystemExit(f"CHECK FAILED: wrk on {path}: {(bad or errors).group(0)}\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--published", type=int, default=60)
    parser.add_argument("--reuse", metavar="DIR", help="a database kept by bench/cases.py --keep")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (5)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of untimed load first (2)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads (4)")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run the bench through ./dev bench public_throughput")
    directory = args.reuse or tempfile.mkdtemp(prefix="public-bench-")
    try:
        t0 = time.perf_counter()
        if args.reuse:
            key, year = publish_one(directory)
            what = f"database of {directory} (bench/cases.py), statistics of {year}"
        else:
            key, year = build(directory, args.cases, max(1, args.published)), 2026
            what = f"demo tree + {args.cases} cases ({args.published} published)"
        from portal.caching.static import token
        from portal.testing.web import file_uri

        uri = file_uri(directory)
        servers = {kind: start(kind, uri, args.threads) for kind in ("floor", "portal")}
        floor, portal = servers["floor"][1], servers["portal"][1]
        print(
            f"{what}; ready in {time.perf_counter() - t0:.1f} s; waitress threads={args.threads}; "
            f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s x {args.rounds} "
            f"rounds; {os.cpu_count()} cpus; load average {os.getloadavg()[0]:.2f}"
        )
        progress = f"/public/progress/{key}"
        css = f"/public-static/public.css?v={token('portal.public:static', 'public.css')}"
        try:
            check(floor, "/", b"Hello")
            tag = check(portal, progress, "办理进程".encode())["ETag"]
            check(portal, progress, b"", status=304, headers={"If-None-Match": tag})
            statistics = f"/public/statistics?year={year}"
            check(portal, statistics, "按月统计".encode())
            check(portal, css, b"public frame")
            check(portal, "/public/", "信访信息公开".encode())
            targets = (
                ("floor (bare Pyramid)", floor, "/", ()),
                ("progress page", portal, progress, ()),
                ("304 answer", portal, progress, (f"If-None-Match: {tag}",)),
                ("statistics page", portal, statistics, ()),
                ("CSS file", portal, css, ()),
                ("public index", portal, "/public/", ()),
            )
            for _name, port, path, headers in targets:
                wrk(port, path, args, headers, seconds=args.warmup)
            results = {name: [] for name, *_rest in targets}
            for _round in range(args.rounds):
                for name, port, path, headers in targets:
                    results[name].append(wrk(port, path, args, headers))
        finally:
            for proc, _port in servers.values():
                proc.terminate()
                proc.join(10)
        median = {name: sorted(v)[len(v) // 2] for name, v in results.items()}
        base = median["floor (bare Pyramid)"]
        print(f"{'':<22} {'median':>9}  {'best':>9}   share of the floor (medians)")
        for name, values in results.items():
            print(f"{name:<22} {median[name]:9.0f}  {max(values):9.0f}   {median[name] / base * 100:5.1f}%")
        for name, target in TARGETS.items():
            share = median[name] / base
            print(
                f"  {name:<20} {share * 100:5.1f}% of the floor (target {target:.0%}): "
                f"{'met' if share >= target else 'NOT MET'}"
            )
        met = median["CSS file"] >= median["progress page"]
        print(
            f"  {'CSS file':<20} {median['CSS file'] / median['progress page']:.2f}x the progress "
            f"page (target >= 1): {'met' if met else 'NOT MET'}"
        )
    finally:
        if args.keep or args.reuse:
            print("database kept in", directory)
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    main()
