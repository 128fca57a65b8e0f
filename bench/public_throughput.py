"""Throughput of the public area against a bare Pyramid app on the same server settings.

Run by hand, never by the test suite::

    .venv/bin/python bench/public_throughput.py                  # about a minute
    .venv/bin/python bench/public_throughput.py --requests 500   # quicker

It builds the demo database in a temporary directory (through the real application), registers
``--cases`` cases spread over the counties and months (through ``register_case`` and the real
workflow, documents included), publishes ``--published`` of them, then serves three WSGI apps
one after the other with waitress on 127.0.0.1 with the same ``--threads``, each in its own
process (so the load generator does not share the server's interpreter lock):

- **hello**: a bare Pyramid app with one view returning a short text (the floor);
- **progress**: the anonymous progress page of one published case, ``/public/progress/<key>``;
- **statistics**: the statistics page ``/public/statistics`` (every case read per request);
- for context, **portal static file**: ``/public-static/public.css`` through the same portal
  stack (transaction, ZODB connection, retry, security policy): the portal's own floor.

The two servers (bare, portal) run side by side; the load generator sends, in each of ``--rounds`` rounds,
``--requests`` GET requests to each in turn (after ``--warmup`` untimed ones) over
``--clients`` keep-alive connections to 127.0.0.1 only, checks every answer (status 200 and a
marker text), and prints the best and median requests/second of each and their ratios to the
floor. Rounds are interleaved so that other load on the machine hits every target alike; the
verdict uses the medians (a single lucky round of the 0.01 ms hello app inflates its best).
The target is a progress page at least 40% of the bare floor.
"""
import argparse
import http.client
import multiprocessing
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
import warnings
from datetime import date, timedelta

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

TARGET_RATIO = 0.40


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
        steps = ("accept", "assign", "start_handling", "submit_opinion", "conclude", "reply", "rate")
        docs = {"accept": ("acceptance_notice",), "assign": ("assignment_slip",),
                "submit_opinion": ("investigation_report", "handling_opinion"),
                "conclude": ("closing_report",), "reply": ("reply",), "rate": ("satisfaction_rating",)}
        for i in range(n_cases):
            county = COUNTIES[i % len(COUNTIES)][0]
            received = date(2026, 1 + i % 10, 1 + i % 27)
            when = clock.at(received, 10)
            person = {"name": f"测试{i:04d}号", "gender": "", "id_number": "", "phone": f"1390000{i:04d}",
                      "address": "", "work_unit": ""}
            values = {"channel": "visit", "received_on": received, "petitioner": person,
                      "is_group": False, "headcount": 1, "representatives": [],
                      "level_skipping": "none", "urgency": "normal",
                      "subject": f"反映学校收费问题（{i}）", "problem": f"联系电话{person['phone']}。",
                      "demands": "要求退费。", "remarks": "", "handed_down_by": "", "handed_down_ref": ""}
            case = register_case(site[county], values, "bench", workflow, calendar, registry, when=when)
            depth = (2, 4, 7)[i % 3]
            for step in steps[:depth]:
                when += timedelta(days=3)
                comment = ""
                if step == "assign":
                    target = site[county]["s01"]
                    assignment.assign(case, target, registry)
                    comment = f"交办给{target.title}"
                for code in docs.get(step, ()):
                    appstruct = {"note": code}
                    if code == "reply":
                        appstruct = {"addressee_kind": "petitioner", "content": "已责令退费。"}
                    if code == "satisfaction_rating":
                        appstruct = {"rating": ("satisfied", "unsatisfied")[i % 2],
                                     "rated_on": clock.as_date(when)}
                    add_document(case, code, appstruct, "bench", registry=registry, when=when)
                fire(case, step, grant, actor="bench", comment=comment, when=when,
                     documents_present=documents_present, notify=registry.notify)
            if i < n_published:
                key = publication.publish(case, "bench").key
            if i % 50 == 49:
                transaction.commit()
        transaction.commit()
    finally:
        conn.close()
        manager.pop()
        close_app(app)
    return key


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
    """Child process: build the app and serve it with waitress until killed."""
    import logging
    import waitress
    logging.disable(logging.WARNING)
    if kind == "hello":
        app = hello_app()
    else:
        from portal.testing.web import make_app
        app = make_app(uri)
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=threads,
                                    connection_limit=200, channel_timeout=30)
    ready.set()
    server.run()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port, path, marker, total, clients):
    """Send ``total`` GETs over ``clients`` keep-alive connections; return seconds taken."""
    counter = iter(range(total))
    lock = threading.Lock()
    errors = []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            conn.request("GET", path, headers={"Connection": "keep-alive"})
            res = conn.getresponse()
            body = res.read()
            if res.status != 200 or marker not in body:
                errors.append((res.status, body[:200]))
                break
            if res.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    workers = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"CHECK FAILED on {path}: {errors[0]}")
    return elapsed


def start(kind, uri, threads):
    """Start one server process; returns (process, port) once it listens."""
    port = free_port()
    ready = multiprocessing.Event()
    proc = multiprocessing.Process(target=serve, args=(kind, uri, port, threads, ready),
                                   daemon=True)
    proc.start()
    if not ready.wait(120):
        raise SystemExit(f"{kind} server did not start")
    time.sleep(0.3)
    return proc, port


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--published", type=int, default=60)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    if args.requests > 20000 or args.rounds > 10:
        parser.error("--requests is bounded at 20000 and --rounds at 10")
    directory = tempfile.mkdtemp(prefix="public-bench-")
    try:
        t0 = time.perf_counter()
        key = build(directory, args.cases, max(1, args.published))
        from portal.testing.web import file_uri
        uri = file_uri(directory)
        print(f"built demo tree + {args.cases} cases ({args.published} published) "
              f"in {time.perf_counter() - t0:.1f} s; waitress threads={args.threads}, "
              f"clients={args.clients}, requests={args.requests} (+{args.warmup} warm-up), "
              f"cpus={os.cpu_count()}")
        targets = (("hello (bare Pyramid)", "hello", "/", "Hello".encode()),
                   ("portal static file", "portal", "/public-static/public.css",
                    b"public frame"),
                   ("progress page", "portal", f"/public/progress/{key}", "办理进程".encode()),
                   ("statistics page", "portal", "/public/statistics?year=2026",
                    "按月统计".encode()))
        by_kind = {kind: start(kind, uri, args.threads) for kind in ("hello", "portal")}
        servers = {name: by_kind[kind] for name, kind, _p, _m in targets}
        results = {name: [] for name, *_rest in targets}
        try:
            for name, _kind, path, marker in targets:
                load(servers[name][1], path, marker, args.warmup, args.clients)
            for _round in range(args.rounds):  # interleaved, so load elsewhere hits all alike
                for name, _kind, path, marker in targets:
                    elapsed = load(servers[name][1], path, marker, args.requests, args.clients)
                    results[name].append(args.requests / elapsed)
        finally:
            for proc, _port in by_kind.values():
                proc.terminate()
                proc.join(10)
        best = {name: max(values) for name, values in results.items()}
        median = {name: sorted(values)[len(values) // 2] for name, values in results.items()}
        floor, mfloor = best["hello (bare Pyramid)"], median["hello (bare Pyramid)"]
        print(f"{'':<22} {'best':>8}          {'median':>8}         (req/s over {args.rounds} rounds)")
        for name in results:
            print(f"{name:<22} {best[name]:8.1f} req/s {median[name]:8.1f} req/s"
                  f"   median = {median[name] / mfloor * 100:5.1f}% of the floor,"
                  f" best = {best[name] / floor * 100:5.1f}%")
        ratio = median["progress page"] / mfloor
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"progress page / floor = {ratio:.2f} by medians ({verdict} the target of "
              f"{TARGET_RATIO:.0%}), {best['progress page'] / floor:.2f} by bests; "
              f"statistics page / floor = {median['statistics page'] / mfloor:.2f} by medians")
    finally:
        if args.keep:
            print("kept", directory)
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    main()
