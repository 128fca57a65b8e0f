"""Two registrations at the same moment never get the same case number (threads, two
application servers on a real ZEO server, then on PostgreSQL through RelStorage)."""

import threading

import pytest
from webtest import TestApp

from portal.testing.web import close_app, login, make_app

from .conftest import YEAR


@pytest.fixture
def zeo_app(shared_db_uri):
    apps = [make_app(shared_db_uri), make_app(shared_db_uri)]  # two application servers
    yield apps
    for app in apps:
        close_app(app)


def test_concurrent_registrations_get_distinct_numbers(zeo_app, register, site_of):
    clients = []
    for i in range(6):
        t = TestApp(zeo_app[i % 2])
        login(t, "city_officer")
        clients.append(t)
    barrier = threading.Barrier(len(clients))
    results, errors = [], []

    def worker(t, i):
        try:
            barrier.wait()
            res = register(
                t,
                subject=f"并发登记测试事项第{i}号：食堂问题",
                confirm_new=True,
                petitioner={"name": f"王{i}", "id_number": "", "phone": "", "address": ""},
            )
            results.append(res.location)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t, i)) for i, t in enumerate(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert errors == []
    assert len(results) == 6 and len(set(results)) == 6
    expected = [f"郑教信〔{YEAR}〕{n:04d}" for n in range(1, 7)]
    for _ in range(50):  # ZEO delivers the other server's invalidations asynchronously
        with site_of(zeo_app[0]) as site:
            numbers = sorted(c.number for c in site.values() if getattr(c, "type_name", "") == "case")
        if numbers == expected:
            break
        import time

        time.sleep(0.1)
    assert numbers == expected  # unique and without gaps: a retried request reuses its number
