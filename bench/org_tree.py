"""Benchmark of the organisation tree at city scale: build, browse, query, grant.

Run by hand, never by the test suite::

    .venv/bin/python bench/org_tree.py                      # full size, about 30-60 s
    .venv/bin/python bench/org_tree.py --schools 300 --users 1000 --samples 30   # quick

It builds, on a real FileStorage in a temporary directory and through the real application
(``portal.testing.web.make_app``: the catalog subscribers index everything as it is added or
granted), the city bureau with its departments and direct units, the 16 county bureaus with their
sections, ``--schools`` schools spread over the counties and ``--users`` accounts with local roles;
then it times a county page, the permission-filtered catalog queries, the search page and a
subtree reindex after a grant. Every measured operation is also checked (right county, right
count, nothing from another county), so the numbers are of real work. See bench/README.md.
"""

import argparse
import cProfile
import io
import math
import os
import pstats
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import transaction  # noqa: E402
from hypatia.query import Eq  # noqa: E402
from pyramid.authorization import Authenticated, Everyone  # noqa: E402
from pyramid.threadlocal import manager  # noqa: E402
from pyramid.traversal import resource_path  # noqa: E402
from webtest import TestApp  # noqa: E402

from portal.catalog import allowed_query, search, text_query  # noqa: E402
from portal.demo.data import (
    CITY_DEPARTMENTS,
    COUNTIES,
    COUNTY_SECTIONS,  # noqa: E402
    DIRECT_UNITS,
    SCHOOL_PATTERNS,
    county_prefix,
)
from portal.identity import passwords  # noqa: E402
from portal.identity.users import User  # noqa: E402
from portal.resources import Unit  # noqa: E402
from portal.security import localroles  # noqa: E402
from portal.security.principals import user_principal  # noqa: E402
from portal.testing.web import close_app, file_uri, login, make_app  # noqa: E402

PASSWORD = "Bench-2026-xinfang"  # the real password of the accounts that sign in
SEARCH_WORD = "中学"
PROFILE_PHASES = ("tree", "users", "page", "query", "search", "grant", "rootgrant")

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕晓东文斌慧鹏飞"


# -- small helpers ---------------------------------------------------------------------------


def ms(seconds):
    return seconds * 1000.0


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100.0 * len(sorted_values)) - 1))
    return sorted_values[k]


class Timings:
    """Named series of durations (seconds); ``line`` gives p50/p95/max in ms."""

    def __init__(self):
        self.series = {}

    def add(self, name, seconds):
        self.series.setdefault(name, []).append(seconds)

    def stats(self, name):
        values = sorted(self.series.get(name, ()))
        return (
            len(values),
            ms(percentile(values, 50)),
            ms(percentile(values, 95)),
            ms(values[-1]) if values else float("nan"),
        )

    def line(self, name, label):
        n, p50, p95, mx = self.stats(name)
        return f"  {label:<50} n={n:<4} p50 {p50:8.2f}  p95 {p95:8.2f}  max {mx:8.2f} ms"


def fmt(value_ms):
    return f"{value_ms:.2f}" if value_ms < 10 else f"{value_ms:.1f}"


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def dir_size(path):
    total = 0
    for base, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(base, f))
            except OSError:
                pass
    return total


def mib(nbytes):
    return nbytes / (1024.0 * 1024.0)


def check(condition, message):
    if not condition:
        raise AssertionError("CHECK FAILED: " + message)


def say(text=""):
    print(text, flush=True)


@contextmanager
def maybe_profile(args, phase):
    """Profile the block when ``--profile`` names this phase; print the top functions after it."""
    if args.profile != phase:
        yield
        return
    prof = cProfile.Profile()
    prof.enable()
    try:
        yield
    finally:
        prof.disable()
        for key in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats(key).print_stats(args.profile_lines)
            say(f"\n--- cProfile of phase '{phase}', sorted by {key} ---")
            say(out.getvalue().strip())
        say("--- end of profile ---\n")


# -- the data ----------------------------------------------------------------------------------


def school_counts(total, n_counties):
    base, extra = divmod(total, n_counties)
    return [base + (1 if i < extra else 0) for i in range(n_counties)]


def school_title(prefix, i):
    """The demo's naming (``portal.demo.populate.build_tree``), numbered past the first round."""
    pattern = SCHOOL_PATTERNS[i % len(SCHOOL_PATTERNS)]
    suffix = "" if i < len(SCHOOL_PATTERNS) else f"（{i // len(SCHOOL_PATTERNS) + 1}）"
    return f"{prefix}{pattern}{suffix}"


def person_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


class Plan:
    """Who gets which role where: a deterministic, realistic spread over ``n_users`` accounts.

    City: a few grants on the root (admin, petition head, leaders, assessors) — each of them
    reindexes the whole tree — the petition officers on 信访处 and handlers on the departments.
    County: head, officers and leaders on the county bureau, handlers on its sections.
    Everyone else: unit liaisons on the schools (≈3 per school), a few also a school leader.
    """

    CITY_ROOT = (
        ("admin", "site_admin"),
        ("city_head", "petition_head"),
        ("city_leader", "principal_leader"),
        ("city_deputy", "leader_in_charge"),
        ("assessor1", "assessor"),
        ("assessor2", "assessor"),
    )
    CITY_OFFICERS = 8  # petition_officer on /xinfangchu
    DEPT_HANDLERS = 3  # department_handler on each city department
    COUNTY_ROLES = (
        ("head", "petition_head"),
        ("officer", "petition_officer"),
        ("officer2", "petition_officer"),
        ("officer3", "petition_officer"),
        ("officer4", "petition_officer"),
        ("leader", "principal_leader"),
        ("deputy", "leader_in_charge"),
    )
    SECTION_HANDLERS = 2  # department_handler on each county department section

    def __init__(self, n_users, school_keys_by_county, seed=20261126):
        rng = random.Random(seed)
        self.city = []  # (login, path, role)
        self.counties = {}  # county key -> [(login, path, role)]
        for login_, role in self.CITY_ROOT:
            self.city.append((login_, "/", role))
        for i in range(self.CITY_OFFICERS):
            self.city.append((f"city_officer{i + 1}", "/xinfangchu", "petition_officer"))
        for key, _title, kind in CITY_DEPARTMENTS:
            if kind == "department":
                for i in range(self.DEPT_HANDLERS):
                    self.city.append((f"{key}_handler{i + 1}", f"/{key}", "department_handler"))
        used = len(self.city)
        for ckey, _title in COUNTIES:
            grants = [(f"{ckey}_{suffix}", f"/{ckey}", role) for suffix, role in self.COUNTY_ROLES]
            for skey, _stitle, kind in COUNTY_SECTIONS:
                if kind == "department":
                    for i in range(self.SECTION_HANDLERS):
                        grants.append((f"{ckey}_{skey}_{i + 1}", f"/{ckey}/{skey}", "department_handler"))
            self.counties[ckey] = grants
            used += len(grants)
        # The rest are school liaisons: every school gets one, the others go at random.
        schools = [(c, k) for c, keys in school_keys_by_county.items() for k in keys]
        remaining = max(0, n_users - used)
        slots = list(schools[:remaining]) if remaining < len(schools) else list(schools)
        slots += [rng.choice(schools) for _ in range(remaining - len(slots))] if schools else []
        for n, (ckey, skey) in enumerate(slots):
            login_ = f"u{n + 1:05d}"
            self.counties[ckey].append((login_, f"/{ckey}/{skey}", "unit_liaison"))
            if rng.random() < 0.05:  # some liaisons are also the school's leader
                self.counties[ckey].append((login_, f"/{ckey}/{skey}", "principal_leader"))
        self.n_users = len({g[0] for g in self.city} | {g[0] for gs in self.counties.values() for g in gs})
        self.n_grants = len(self.city) + sum(len(gs) for gs in self.counties.values())

    @staticmethod
    def officer(ckey):
        return f"{ckey}_officer"


# -- phase 1: build ----------------------------------------------------------------------------


def resolve_path(site, path):
    node = site
    for part in filter(None, path.split("/")):
        node = node[part]
    return node


def build_tree(site, counts):
    """City departments and direct units, then one county at a time (one commit each)."""
    for key, title, kind in CITY_DEPARTMENTS:
        site.add(key, Unit(title, kind))
    for key, title, kind in DIRECT_UNITS:
        site.add(key, Unit(title, kind))
    transaction.commit()
    keys = {}
    for (ckey, ctitle), n_schools in zip(COUNTIES, counts):
        county = site.add(ckey, Unit(ctitle, "county_bureau", code=ckey))
        for skey, stitle, kind in COUNTY_SECTIONS:
            county.add(skey, Unit(stitle, kind))
        prefix = county_prefix(ctitle)
        keys[ckey] = []
        for i in range(n_schools):
            key = f"s{i + 1:03d}"
            county.add(key, Unit(school_title(prefix, i), "school", code=f"{ckey}-{i + 1:03d}"))
            keys[ckey].append(key)
        transaction.commit()
    return keys


def add_users_and_grants(site, plan, login_users):
    """Accounts (one shared, unusable hash except for ``login_users``) and their grants."""
    rng = random.Random(7)
    shared_hash = passwords.hash_password(os.urandom(16).hex())  # nobody knows this password
    real_hash = passwords.hash_password(PASSWORD)

    def add(batch):
        for login_, path, role in batch:
            user = site.users.get(login_)
            if user is None:
                user = User(login_, person_name(rng), unit_path=path)
                user.password_hash = real_hash if login_ in login_users else shared_hash
                site.users.add(user)
            localroles.grant(resolve_path(site, path), user_principal(login_), role)
        transaction.commit()

    add(plan.city)  # the root grants reindex the (already built) whole tree
    for ckey, _title in COUNTIES:
        add(plan.counties[ckey])  # one commit per county keeps memory bounded


# -- the checks that make the timings honest ---------------------------------------------------


def officer_principals(login_):
    """What the security policy gives a signed-in local user with no groups."""
    return [Everyone, Authenticated, user_principal(login_)]


def child_query(site, parent_path, principals):
    """The query of ``portal.orgtree.views.child_listing`` (active sub-units the user may view)."""
    cat = site.catalog
    return (
        Eq(cat["parent_path"], parent_path)
        & Eq(cat["type_name"], "unit")
        & allowed_query(site, principals)
        & Eq(cat["state"], "active")
    )


def visible_units(site, principals):
    q = Eq(site.catalog["type_name"], "unit") & allowed_query(site, principals)
    return search(site, q).all()


def expected_search_hits(county):
    return sum(1 for u in county.values() if SEARCH_WORD in u.title) + (SEARCH_WORD in county.title)


ROW_RE = re.compile(r'<tr>\s*<td><a href="([^"]+)"')
TOTAL_RE = re.compile(r"下级机构（共 (\d+) 个）")
FOUND_RE = re.compile(r"找到 (\d+) 条结果")
RESULT_RE = re.compile(r'<li class="list-group-item"><a href="([^"]+)"')


def check_county_page(res, county, n_children):
    body = res.text
    check(county.title in body, f"county page of {county.__name__} lacks {county.title}")
    m = TOTAL_RE.search(body)
    check(
        m and int(m.group(1)) == n_children,
        f"county page of {county.__name__}: total {m and m.group(1)} != {n_children}",
    )
    rows = ROW_RE.findall(body)
    check(len(rows) == min(50, n_children), f"county page lists {len(rows)} rows")
    check(all(f"/{county.__name__}/" in href for href in rows), "a row links outside the county")


def check_search_page(res, county, expected):
    body = res.text
    m = FOUND_RE.search(body)
    check(
        m and int(m.group(1)) == expected,
        f"search in {county.__name__}: found {m and m.group(1)}, expected {expected}",
    )
    links = RESULT_RE.findall(body)
    check(len(links) == min(50, expected), f"search page lists {len(links)} results")
    check(all(f"/{county.__name__}/" in href for href in links), "a search hit is outside the county")


# -- phase 2: measure --------------------------------------------------------------------------


def measure(app, site, keys, plan, args, T, data_fs):
    counties = [c for c, _t in COUNTIES]
    n_children = {c: len(keys[c]) + len(COUNTY_SECTIONS) for c in counties}
    n_all_units = len(visible_units(site, [Everyone, Authenticated, "admin"]))

    # Sign every county's officer in through the real form (argon2 verify each time).
    t0 = time.perf_counter()
    browsers = {}
    for c in counties:
        ta = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(ta, plan.officer(c), PASSWORD)
        browsers[c] = ta
    T.add("login", (time.perf_counter() - t0) / len(counties))
    transaction.begin()  # see what the sign-ins committed

    # Isolation, checked once per county and untimed: catalog and HTTP agree.
    say("checks: officer isolation (catalog and HTTP), once per county ...")
    for i, c in enumerate(counties):
        principals = officer_principals(plan.officer(c))
        units = visible_units(site, principals)
        paths = {resource_path(unit) for unit in units}
        check(
            len(units) == n_children[c] + 1,
            f"{c} officer sees {len(units)} units, expected {n_children[c] + 1}",
        )
        check(
            all(p == f"/{c}" or p.startswith(f"/{c}/") for p in paths),
            f"{c} officer sees units outside the county",
        )
        other = counties[(i + 1) % len(counties)]
        res = search(site, child_query(site, f"/{other}", principals))
        check(res.total == 0, f"{c} officer sees {res.total} units of {other} in the catalog")
        browsers[c].get(f"/{other}/", status=403)
        browsers[c].get(f"/{other}/{keys[other][0]}/", status=403)
    say(
        f"checks: ok — each officer sees exactly their county (county + {len(COUNTY_SECTIONS)} "
        f"sections + its schools), 403 on a neighbour; the admin sees {n_all_units} units"
    )

    rng = random.Random(1)
    samples = args.samples
    order = [counties[i % len(counties)] for i in range(samples)]
    rng.shuffle(order)

    # (a) county page over HTTP. One untimed warm-up per county (fills the connection caches).
    for c in counties:
        check_county_page(browsers[c].get(f"/{c}/"), site[c], n_children[c])
    with maybe_profile(args, "page"):
        for c in order:
            t = time.perf_counter()
            res = browsers[c].get(f"/{c}/")
            T.add("page", time.perf_counter() - t)
            check_county_page(res, site[c], n_children[c])

    # (b1) the child_listing query straight on the catalog: execute, sort by sort_key, page 50.
    with maybe_profile(args, "query"):
        for c in order:
            principals = officer_principals(plan.officer(c))
            t = time.perf_counter()
            res = search(site, child_query(site, f"/{c}", principals), sort_index="sort_key")
            page = res.page(0, 50)
            T.add("query", time.perf_counter() - t)
            check(res.total == n_children[c], f"query in {c}: {res.total} != {n_children[c]}")
            check(
                len(page) == min(50, n_children[c]) and all(u.__parent__ is site[c] for u in page),
                f"query page in {c} is wrong",
            )
        # (b2) the same with the text filter the search page uses (text & allowed, by title).
        for c in order:
            principals = officer_principals(plan.officer(c))
            expected = expected_search_hits(site[c])
            t = time.perf_counter()
            res = search(site, text_query(site, SEARCH_WORD) & allowed_query(site, principals), "title")
            page = res.page(0, 50)
            T.add("textquery", time.perf_counter() - t)
            check(res.total == expected, f"text query in {c}: {res.total} != {expected}")
            check(all(_in_county(u, site[c]) for u in page), f"text query in {c} leaks")

    # (b3) the search page over HTTP.
    for c in counties:
        check_search_page(
            browsers[c].get("/@@search", {"q": SEARCH_WORD}), site[c], expected_search_hits(site[c])
        )
    with maybe_profile(args, "search"):
        for c in order:
            t = time.perf_counter()
            res = browsers[c].get("/@@search", {"q": SEARCH_WORD})
            T.add("search", time.perf_counter() - t)
            check_search_page(res, site[c], expected_search_hits(site[c]))

    # (c) a grant on a county reindexes its subtree; time grant + commit, then undo (timed too).
    transaction.begin()
    someone = user_principal("bench_someone")
    cat_allowed = site.catalog["allowed"]
    grant_order = (order * (1 + args.grant_samples // max(1, len(order))))[: args.grant_samples]
    size0 = os.path.getsize(data_fs)
    with maybe_profile(args, "grant"):
        for c in grant_order:
            county = site[c]
            t = time.perf_counter()
            changed = localroles.grant(county, someone, "petition_officer")
            transaction.commit()
            T.add("grant", time.perf_counter() - t)
            check(changed, "grant changed nothing")
            got = len(Eq(cat_allowed, someone).execute())
            check(got == n_children[c] + 1, f"after grant on {c}: {got} docs allow {someone}")
            t = time.perf_counter()
            localroles.revoke(county, someone, "petition_officer")
            transaction.commit()
            T.add("revoke", time.perf_counter() - t)
            check(len(Eq(cat_allowed, someone).execute()) == 0, "revoke left docs behind")

    size1 = os.path.getsize(data_fs)
    # ... and on the city root: every unit is reindexed.
    with maybe_profile(args, "rootgrant"):
        for _ in range(args.root_samples):
            t = time.perf_counter()
            localroles.grant(site, someone, "petition_officer")
            transaction.commit()
            T.add("rootgrant", time.perf_counter() - t)
            got = len(Eq(cat_allowed, someone).execute())
            check(got == n_all_units, f"after root grant: {got} docs allow {someone}, expected {n_all_units}")
            t = time.perf_counter()
            localroles.revoke(site, someone, "petition_officer")
            transaction.commit()
            T.add("rootrevoke", time.perf_counter() - t)
            check(len(Eq(cat_allowed, someone).execute()) == 0, "root revoke left docs behind")

    size2 = os.path.getsize(data_fs)
    # The officers' pages still render after all that (the commits were seen by the app).
    for c in counties[:2]:
        check_county_page(browsers[c].get(f"/{c}/"), site[c], n_children[c])
    return {
        "n_children": n_children,
        "n_all": n_all_units,
        "grant_bytes": (size1 - size0) / max(1, 2 * len(grant_order)),
        "root_bytes": (size2 - size1) / max(1, 2 * args.root_samples),
    }


def measure_cold(uri, keys, plan, T):
    """Re-open the database (empty object caches; the OS file cache stays warm), sign the
    officers in, and time each county's first page: every object it needs is loaded from disk."""
    app = make_app(uri)
    try:
        db = app.registry._zodb_databases[""]
        browsers = {}
        for c, _t in COUNTIES:
            browsers[c] = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
            login(browsers[c], plan.officer(c), PASSWORD)
        conn = db.open()
        try:
            site = conn.root()["portal"]
            first = COUNTIES[0][0]
            t = time.perf_counter()
            browsers[first].get(f"/{first}/{COUNTY_SECTIONS[0][0]}/")  # compiles the templates
            T.add("cold_templates", time.perf_counter() - t)
            for i, (c, _t) in enumerate(COUNTIES):
                t = time.perf_counter()
                res = browsers[c].get(f"/{c}/")
                T.add("cold_first" if i == 0 else "cold", time.perf_counter() - t)
                check_county_page(res, site[c], len(keys[c]) + len(COUNTY_SECTIONS))
        finally:
            transaction.abort()
            conn.close()
    finally:
        close_app(app)


def _in_county(node, county):
    while node is not None:
        if node is county:
            return True
        node = node.__parent__
    return False


def db_uri(directory, args):
    uri = file_uri(directory)
    if args.cache_size:
        uri += f"&connection_cache_size={args.cache_size}"
    return uri


# -- main --------------------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Quick run: --schools 300 --users 1000 --samples 30",
    )
    p.add_argument("--schools", type=int, default=3000, help="schools over the 16 counties (3000)")
    p.add_argument("--users", type=int, default=10000, help="user accounts (10000)")
    p.add_argument(
        "--samples", type=int, default=200, help="repetitions of each page/query measurement (200)"
    )
    p.add_argument(
        "--grant-samples", type=int, default=None, help="county grant+commit repetitions (default: --samples)"
    )
    p.add_argument(
        "--root-samples", type=int, default=5, help="grant+commit repetitions on the city root (5)"
    )
    p.add_argument(
        "--cache-size",
        type=int,
        default=0,
        help="ZODB connection cache in objects, added to the URI (default: the URI "
        "of file_uri() as is, i.e. zodburi's 10000; production.ini has 50000)",
    )
    p.add_argument(
        "--profile",
        choices=PROFILE_PHASES,
        default=None,
        help="run cProfile over one phase and print its top functions",
    )
    p.add_argument("--profile-lines", type=int, default=25)
    p.add_argument("--keep", action="store_true", help="keep the temporary database directory")
    args = p.parse_args(argv)
    if args.grant_samples is None:
        args.grant_samples = args.samples
    return args


def main(argv=None):
    args = parse_args(argv)
    T = Timings()
    t_start = time.perf_counter()
    tmp = tempfile.mkdtemp(prefix="portal-bench-")
    data_fs = os.path.join(tmp, "Data.fs")
    uri = db_uri(tmp, args)
    say("郑州市教育系统信访稳定工作平台 — organisation tree benchmark (bench/org_tree.py)")
    say(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cpu, load average "
        f"{os.getloadavg()[0]:.2f}, FileStorage in {tmp}, connection cache "
        f"{args.cache_size or 'zodburi default (10000)'} objects"
    )
    say(
        f"size: {len(COUNTIES)} counties, {args.schools} schools, {args.users} users; "
        f"samples: {args.samples} (county grants {args.grant_samples}, root grants {args.root_samples})"
    )
    say()

    app = make_app(uri)
    db = app.registry._zodb_databases[""]
    manager.push({"registry": app.registry, "request": None})
    conn = db.open()
    try:
        site = conn.root()["portal"]
        counts = school_counts(args.schools, len(COUNTIES))

        say("[1] build")
        t0 = time.perf_counter()
        with maybe_profile(args, "tree"):
            keys = build_tree(site, counts)
        t_tree = time.perf_counter() - t0
        n_units = (
            1
            + len(CITY_DEPARTMENTS)
            + len(DIRECT_UNITS)
            + len(COUNTIES) * (1 + len(COUNTY_SECTIONS))
            + args.schools
        )
        say(
            f"  tree: {n_units} units ({args.schools} schools, {min(counts)}–{max(counts)} per "
            f"county), {len(COUNTIES) + 1} commits, in {t_tree:.1f} s "
            f"({ms(t_tree) / n_units:.2f} ms/unit)"
        )

        plan = Plan(args.users, keys)
        login_users = {plan.officer(c) for c, _t in COUNTIES}
        t0 = time.perf_counter()
        with maybe_profile(args, "users"):
            add_users_and_grants(site, plan, login_users)
        t_users = time.perf_counter() - t0
        n_root = sum(1 for g in plan.city if g[1] == "/")
        say(
            f"  users+grants: {plan.n_users} users, {plan.n_grants} grants ({n_root} on the city "
            f"root, {len(COUNTIES) * len(Plan.COUNTY_ROLES)} on county bureaus, the rest on "
            f"sections and schools), {len(COUNTIES) + 1} commits, in {t_users:.1f} s"
        )
        t_build = t_tree + t_users
        check(len(site.users) == plan.n_users, "user count")
        size_fs = os.path.getsize(data_fs)
        rss_build = peak_rss_mib()
        say(
            f"  total build: {t_build:.1f} s; Data.fs {mib(size_fs):.1f} MiB (never packed); "
            f"peak RSS so far {rss_build:.0f} MiB"
        )
        say()

        say("[2] measure")
        info = measure(app, site, keys, plan, args, T, data_fs)
    finally:
        transaction.abort()
        conn.close()
        manager.pop()
        close_app(app)

    try:
        say("re-opening the database for the cold-cache figures ...")
        measure_cold(uri, keys, plan, T)
        n_children, n_all = info["n_children"], info["n_all"]
        avg_docs = sum(n_children.values()) / len(n_children) + 1
        say()
        say("  (a) county page GET /<county>/ as that county's petition officer (real sign-in)")
        say(T.line("page", f"county page, {min(50, round(avg_docs - 1))} of ≈{avg_docs - 1:.0f} rows, HTTP"))
        say(T.line("cold_templates", "cold: a section page first (compiles templates)"))
        say(T.line("cold_first", "cold: then the first county page (loads indexes)"))
        say(T.line("cold", "cold: first view of each other county"))
        say("  (b) permission-filtered catalog queries (officer's principals ∩ 'allowed')")
        say(T.line("query", "child_listing query + sort + page 50, direct"))
        say(T.line("textquery", f"text '{SEARCH_WORD}' ∩ allowed + sort + page, direct"))
        say(T.line("search", f"search page GET /@@search?q={SEARCH_WORD}, HTTP"))
        say("  (c) grant → subscriber reindexes the subtree's 'allowed' → transaction.commit()")
        say(T.line("grant", f"grant on a county ({avg_docs:.0f} docs) + commit"))
        say(T.line("revoke", "revoke on a county + commit"))
        say(T.line("rootgrant", f"grant on the city root ({n_all} docs) + commit"))
        say(T.line("rootrevoke", "revoke on the city root + commit"))
        say(
            f"  Data.fs growth per commit: county grant/revoke {info['grant_bytes'] / 1024:.0f} KiB, "
            f"city-root grant/revoke {info['root_bytes'] / 1024:.0f} KiB"
        )
        _n, login_ms, _p95, _mx = T.stats("login")
        say(
            f"  sign-in through /login (GET form + POST, argon2 verify): {login_ms:.0f} ms each, "
            f"{len(COUNTIES)} officers"
        )
        say()

        size_end = dir_size(tmp)
        t_total = time.perf_counter() - t_start
        rss = peak_rss_mib()
        say("[3] summary")
        rows = [
            ("build: tree", f"{t_tree:.1f} s", f"{n_units} units"),
            ("build: users + grants", f"{t_users:.1f} s", f"{plan.n_users} users, {plan.n_grants} grants"),
            ("build: total", f"{t_build:.1f} s", f"Data.fs {mib(size_fs):.1f} MiB after build"),
        ]
        for key, label, what in (
            ("page", "county page (HTTP)", "p50 / p95 / max"),
            ("cold_templates", "first page after re-open", "compiles the page templates"),
            ("cold_first", "first county page after re-open", "loads the catalog indexes"),
            ("cold", "county page, cold county (HTTP)", f"p50 / p95 / max, {len(COUNTIES) - 1} counties"),
            ("query", "child listing query (catalog)", "p50 / p95 / max"),
            ("textquery", "text ∩ allowed query (catalog)", "p50 / p95 / max"),
            ("search", "search page (HTTP)", "p50 / p95 / max"),
            ("grant", "county grant + commit", f"p50 / p95 / max, {avg_docs:.0f} docs reindexed"),
            ("rootgrant", "city-root grant + commit", f"p50 / p95 / max, {n_all} docs reindexed"),
        ):
            _n, p50, p95, mx = T.stats(key)
            if key in ("cold_templates", "cold_first"):
                rows.append((label, f"{fmt(p50)} ms", what))
            else:
                rows.append((label, f"{fmt(p50)} / {fmt(p95)} / {fmt(mx)} ms", what))
        rows.append(
            ("Data.fs + blobs at end", f"{mib(size_end):.1f} MiB", "after the grant samples, not packed")
        )
        rows.append(("peak RSS", f"{rss:.0f} MiB", f"whole process ({rss_build:.0f} MiB after build)"))
        rows.append(
            ("wall time", f"{t_total:.0f} s", f"whole run; load average now {os.getloadavg()[0]:.2f}")
        )
        w1 = max(len(r[0]) for r in rows)
        w2 = max(len(r[1]) for r in rows)
        for a, b, c in rows:
            say(f"  {a:<{w1}}  {b:>{w2}}  {c}")
        say("all correctness checks passed")
    finally:
        if args.keep:
            say(f"database kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
