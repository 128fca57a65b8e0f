"""Scaling out: 1 and then 2 application processes on one database server (ZEO, then PostgreSQL
through RelStorage), measured with wrk. Run by hand, never by the test suite::

    ./dev bench processes                      # demo + 300 cases, ZEO and PostgreSQL, ~3 min
    .venv/bin/python bench/processes.py --storages zeo --duration 3

It builds the demo database with ``--cases`` cases (as bench/public_throughput.py does, one of
them published), then for each storage: starts the server (``portal.testing.zeo.ZeoServer``
on a copy of the FileStorage; ``portal.testing.postgres.PostgresServer`` with PostgreSQL's
durable defaults and the FileStorage copied into it), and for 1 and 2 application processes
(waitress, ``--threads`` threads each, every process its own client cache) measures with wrk:

- the public progress page of the published case (anonymous);
- 我的待办 (``GET /``) signed in as the county officer ``zy_officer`` (the session cookie comes
  from the real /login form; every process accepts it, they share the secret and database).

Both application processes are started once per storage and the rounds interleave: 1 process
(wrk against one of them, the other idle: the first, then the second, in turn), then 2 processes
(two wrk instances at once, one per process, each with half the connections and threads, their
requests per second added), and again — so that the other load of a shared machine hits both
alike; the medians are compared. Taking the single process in turn matters: two processes of
the same code on the same database were seen to differ by up to a quarter in CPU per request,
and with always the first alone the ratio was that process's luck. wrk keeps 16 connections
open in all, 2 per waitress thread when 2 processes serve: with one per thread (8), every reply
leaves its thread asleep until wrk's next request arrives, and on 2 shared cores the wake-ups
(about 3 more context switches and 0.2-0.4 ms more system CPU per request) were measured rather
than the pages.
Every answer is checked first (status and a marker) and wrk must report no error.

Printed per storage, page and process count: requests/second, the application processes' CPU
milliseconds per request (the same with 1 and 2 processes when nothing serialises them: then the
throughput is what the cores give), the whole machine's idle CPU share during the runs (a ratio
under target with idle CPU left means something serialises; with none left the cores were busy,
with wrk or with other work on a shared machine: a process at nice 0 using a core leaves a niced
bench one), and what reached the database server during the runs — for ZEO its own counters
(commits and loads, ``server_status``), for PostgreSQL the newest transaction id. A signed-in GET must commit nothing and, warm, load nothing. The ratio of 2
processes to 1 has a target of >= 1.5 on 2 cores; wrk runs on the same cores as the portal, so
the ratio understates what a separate load balancer sees.
"""

import argparse
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from public_throughput import build, check, fetch, start  # noqa: E402


def login_cookie(port, name="zy_officer"):
    from portal.demo.populate import DEMO_PASSWORD

    status, headers, body = fetch(port, "/login")
    cookie = headers["Set-Cookie"].split(";")[0]
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        "/login",
        body=urlencode({"csrf_token": token, "came_from": "", "login": name, "password": DEMO_PASSWORD}),
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    res = conn.getresponse()
    res.read()
    if res.status != 302:
        raise SystemExit(f"CHECK FAILED: sign-in answered {res.status}")
    return res.getheader("Set-Cookie").split(";")[0]


def wrk_many(ports, path, args, headers=()):
    """Run one wrk per port at once (connections and threads split); total requests/second and
    total requests."""
    per = max(1, args.connections // len(ports))
    threads = max(1, args.wrk_threads // len(ports))
    results, errors = [], []

    def one(port):
        command = ["wrk", f"-t{threads}", f"-c{per}", f"-d{args.duration}s"]
        for header in headers:
            command += ["-H", header]
        out = subprocess.run(
            command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=600
        ).stdout
        if re.search(r"Non-2xx or 3xx responses|Socket errors", out):
            errors.append(out)
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        results.append((rate, int(re.search(r"(\d+) requests in", out).group(1))))

    runners = [threading.Thread(target=one, args=(port,)) for port in ports]
    for r in runners:
        r.start()
    for r in runners:
        r.join()
    if errors:
        raise SystemExit("CHECK FAILED: wrk reported errors\n" + errors[0])
    return sum(rate for rate, _n in results), sum(n for _rate, n in results)


def cpu_seconds(pids):
    """User + system CPU seconds the processes ``pids`` have used so far (Linux /proc)."""
    total = 0
    for pid in pids:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def machine_ticks():
    """(idle, total) CPU ticks of the whole machine so far (Linux /proc/stat)."""
    with open("/proc/stat") as f:
        ticks = [int(t) for t in f.readline().split()[1:9]]
    return ticks[3] + ticks[4], sum(ticks)  # idle + iowait; user ... steal


def zeo_probe(port):
    """The ZEO server's own counters: commits, loads and its last transaction."""
    from ZEO.ClientStorage import ClientStorage

    client = ClientStorage(("127.0.0.1", port), read_only=True, wait_timeout=30)

    def probe():
        status = client.server_status()
        return {k: status[k] for k in ("commits", "loads", "last-transaction")}

    probe.close = client.close
    return probe


def postgres_probe(pg, dbname):
    """RelStorage's newest transaction id in PostgreSQL."""
    import psycopg2

    conn = psycopg2.connect(pg.dsn(dbname))
    conn.autocommit = True

    def probe():
        with conn.cursor() as cur:
            cur.execute("SELECT max(tid) FROM object_state")
            return {"last-transaction": cur.fetchone()[0]}

    probe.close = conn.close
    return probe


def server_note(before, after, requests):
    """What reached the database server during ``requests`` requests, in words."""
    parts = []
    if "commits" in after:
        parts.append(f"{after['commits'] - before['commits']} commits")
        parts.append(f"{(after['loads'] - before['loads']) / max(requests, 1):.3f} loads/request")
    same = after["last-transaction"] == before["last-transaction"]
    parts.append("last transaction unchanged" if same else "last transaction MOVED")
    return ", ".join(parts)


def measure(uri_for, key, args, probe):
    """{(page, processes): (req/s, CPU ms per request, machine idle %)} and {page: server
    note}, 1 and 2
    processes in interleaved rounds on the URIs ``uri_for(i)`` gives."""
    figures, notes = {}, {}
    servers = [start("portal", uri_for(i), args.threads) for i in range(2)]
    ports = [port for _proc, port in servers]
    pids = [proc.pid for proc, _port in servers]
    try:
        cookie = login_cookie(ports[0])
        progress = f"/public/progress/{key}"
        for port in ports:
            check(port, progress, "办理进程".encode())
            check(port, "/", "待办".encode(), headers={"Cookie": cookie})
        for name, path, headers in (
            ("progress page", progress, ()),
            ("to-do page, signed in", "/", (f"Cookie: {cookie}",)),
        ):
            for serving in ports[:1], ports[1:], ports:
                wrk_many(serving, path, args, headers)  # warm-up
            runs = {1: [], 2: []}
            before, requests = probe(), 0
            for round_ in range(args.rounds):
                for count in (1, 2):
                    # 1 process: the first, then the second, in turn -- two processes of the
                    # same code differ by up to a quarter in CPU per request (their memory
                    # layouts), and one of them alone must not set the ratio.
                    chosen = [round_ % 2] if count == 1 else [0, 1]
                    serving = [ports[i] for i in chosen]
                    cpu, (idle, total) = cpu_seconds([pids[i] for i in chosen]), machine_ticks()
                    rate, n = wrk_many(serving, path, args, headers)
                    idle2, total2 = machine_ticks()
                    runs[count].append(
                        (
                            rate,
                            (cpu_seconds([pids[i] for i in chosen]) - cpu) * 1000 / max(n, 1),
                            100 * (idle2 - idle) / max(total2 - total, 1),
                        )
                    )
                    requests += n
            notes[name] = server_note(before, probe(), requests)
            for count, values in runs.items():
                figures[(name, count)] = sorted(values)[len(values) // 2]
    finally:
        for proc, _port in servers:
            proc.terminate()
            proc.join(10)
        probe.close()
    return figures, notes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--storages", default="zeo,postgresql")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads per process")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument(
        "--connections",
        type=int,
        default=16,
        help="wrk connections in all, split between the processes (default: 2 per waitress thread "
        "of 2 processes, so that a reply never leaves a thread without the next request)",
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run the bench through ./dev bench processes")
    directory = tempfile.mkdtemp(prefix="processes-bench-")
    try:
        t0 = time.perf_counter()
        source = os.path.join(directory, "source")
        os.makedirs(source)
        key = build(source, args.cases, 1)
        print(
            f"demo tree + {args.cases} cases built in {time.perf_counter() - t0:.0f} s; "
            f"{os.cpu_count()} cpus; waitress threads={args.threads}; wrk -t{args.wrk_threads} "
            f"-c{args.connections} -d{args.duration}s, median of {args.rounds}; load average "
            f"{os.getloadavg()[0]:.2f}"
        )
        results = {}
        for storage in args.storages.split(","):
            if storage == "zeo":
                from portal.testing.zeo import ZeoServer

                target = os.path.join(directory, "zeo")
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
                with ZeoServer(target) as zeo:
                    results[storage] = measure(
                        lambda i: zeo.uri(client_blobs=f"{target}-cache-{i}"), key, args, zeo_probe(zeo.port)
                    )
            elif storage == "postgresql":
                from portal.testing.postgres import PostgresServer, copy_storage
                from portal.testing.web import file_uri

                with PostgresServer(durable=True) as pg:
                    pg.create_database("bench")
                    copy_storage(file_uri(source), pg.uri("bench", blob_dir=f"{directory}/pg-0"))
                    results[storage] = measure(
                        lambda i: pg.uri("bench", blob_dir=f"{directory}/pg-{i}"),
                        key,
                        args,
                        postgres_probe(pg, "bench"),
                    )
            else:
                parser.error(f"unknown storage {storage}")
        print(f"load average after the runs {os.getloadavg()[0]:.2f}")
        print(
            f"{'storage':<11} {'page':<22} {'1 process':>10} {'2 processes':>12} {'ratio':>6}"
            f"   CPU ms/request 1 -> 2   machine idle % 1 -> 2"
        )
        for storage, (figures, notes) in results.items():
            for page in ("progress page", "to-do page, signed in"):
                (one, cpu1, idle1), (two, cpu2, idle2) = figures[(page, 1)], figures[(page, 2)]
                print(
                    f"{storage:<11} {page:<22} {one:10.0f} {two:12.0f} {two / one:6.2f}"
                    f"   {cpu1:5.2f} -> {cpu2:5.2f}            {idle1:3.0f} -> {idle2:3.0f}"
                    f"   {'met' if two / one >= 1.5 else 'NOT MET'} (target >= 1.5 on 2 cores)"
                )
                print(f"{'':<11} {'':<22} database server during these runs: {notes[page]}")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    main()
