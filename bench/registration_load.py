"""Parallel case registrations in one unit on a real ZEO server (issue 12, item 13).

Run by hand, never by the test suite::

    .venv/bin/python bench/registration_load.py                  # 4 processes x 13 rounds
    .venv/bin/python bench/registration_load.py --processes 8 --rounds 10

Builds the demo database in a temporary directory, serves it with ``runzeo``
(``portal.testing.zeo``) and starts ``--processes`` application processes (each its own
``make_app`` on the ZEO URI, as separate application servers are). Each signs in as the
Zhongyuan petition officer and, in lockstep rounds (a barrier), registers one case through the
real form. It prints the HTTP statuses, the conflicts retried (and on which kind of object),
the case numbers stored and any gap, and the wall time.
"""

import argparse
import collections
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

FORM = "/zhongyuan/@@register-case"


def register(t, subject, name):
    form = t.get(FORM, {"channel": "visit"}).forms["portal-form"]
    form["name"] = name
    form["headcount"] = "1"
    form["subject"] = subject
    form["problem"] = "学校以资料费名义向学生收取费用，每人300元，未开具收据。"
    form["demands"] = "要求退还违规收取的费用并说明依据。"
    fields = form.submit_fields("save") + [("confirm_new", "1")]
    return t.post(FORM, fields, status="*")


def worker(uri, index, rounds, barrier, results):
    warnings.filterwarnings("ignore")
    from pyramid_retry import IBeforeRetry
    from webtest import TestApp

    from portal.testing.web import login, make_app

    app = make_app(uri)
    retried = collections.Counter()

    def count(event):
        exc = getattr(event, "exception", None)
        retried[f"{type(exc).__name__} {getattr(exc, 'class_name', '') or ''}".strip()] += 1

    app.registry.registerHandler(count, (IBeforeRetry,))
    t = TestApp(app, extra_environ={"REMOTE_ADDR": f"10.0.0.{index + 1}"})
    login(t, "zy_officer")
    statuses = []
    for r in range(rounds):
        barrier.wait()
        statuses.append(
            register(t, f"并发登记测试事项：反映食堂问题（{index}-{r}）", f"王{index}{r}").status_int
        )
    results.put((statuses, dict(retried)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=13)
    args = parser.parse_args(argv)
    from portal.testing.web import close_app, file_uri, make_app
    from portal.testing.zeo import ZeoServer

    base = tempfile.mkdtemp(prefix="registration-load-")
    try:
        demo = os.path.join(base, "demo")
        close_app(make_app(file_uri(demo), **{"portal.demo": "true"}))
        with ZeoServer(demo) as zeo:
            ctx = mp.get_context("spawn")
            barrier, results = ctx.Barrier(args.processes), ctx.Queue()
            procs = [
                ctx.Process(
                    target=worker,
                    args=(
                        zeo.uri(client_blobs=os.path.join(base, f"blobs{i}")),
                        i,
                        args.rounds,
                        barrier,
                        results,
                    ),
                )
                for i in range(args.processes)
            ]
            started = time.monotonic()
            for p in procs:
                p.start()
            outcome = [results.get() for _ in procs]
            for p in procs:
                p.join()
            elapsed = time.monotonic() - started
            statuses = collections.Counter(s for st, _r in outcome for s in st)
            retried = collections.Counter()
            for _st, r in outcome:
                retried.update(r)
            app = make_app(zeo.uri(client_blobs=os.path.join(base, "blobs-check")))
            conn = app.registry._zodb_databases[""].open()
            numbers = sorted(
                int(c.number[-4:])
                for c in conn.root()["portal"]["zhongyuan"].values()
                if getattr(c, "type_name", "") == "case"
            )
            conn.close()
            close_app(app)
        gaps = sorted(set(range(1, (max(numbers) if numbers else 0) + 1)) - set(numbers))
        print(
            f"{args.processes} processes x {args.rounds} rounds in {elapsed:.1f} s "
            f"(load average {os.getloadavg()[0]:.1f})"
        )
        print("HTTP statuses:", dict(statuses))
        print("conflicts retried:", sum(retried.values()), dict(retried.most_common()))
        print(
            f"cases stored: {len(numbers)}, highest number {max(numbers) if numbers else 0}, "
            f"gaps: {gaps or 'none'}"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
