"""Four parallel registrations in one unit, 13 rounds, on a real ZEO server with two
application servers (issue 12, item 13): every request answers with its case, none with a
500, and the numbers run without a gap. A message about a stored case is written only once
the transaction committed."""

import threading
import time

import pytest
from webtest import TestApp

from portal import clock
from portal.testing.web import close_app, login, make_app

PARALLEL, ROUNDS = 4, 13


@pytest.fixture
def zeo_apps(zeo_demo):
    uri = zeo_demo.uri()
    apps = [make_app(uri), make_app(uri)]
    yield apps
    for app in apps:
        close_app(app)


def test_parallel_registrations_neither_fail_nor_leave_gaps(zeo_apps, register, site_of):
    clients = []
    for i in range(PARALLEL):
        t = TestApp(zeo_apps[i % 2], extra_environ={"REMOTE_ADDR": f"10.0.0.{i + 1}"})
        login(t, "zy_officer")
        clients.append(t)
    statuses, locations = [], []
    barrier = threading.Barrier(PARALLEL)

    def worker(t, i):
        for round_ in range(ROUNDS):
            barrier.wait()
            res = register(
                t,
                unit="/zhongyuan",
                confirm_new=True,
                status="*",
                subject=f"并发登记第{round_}轮第{i}号：反映食堂问题",
                petitioner={"name": f"王{i}{round_}", "id_number": "", "phone": "", "address": ""},
            )
            statuses.append(res.status_int)
            if res.status_int == 302:
                locations.append(res.location)

    threads = [threading.Thread(target=worker, args=(t, i)) for i, t in enumerate(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(600)
    assert statuses.count(302) == PARALLEL * ROUNDS, sorted(set(statuses))
    assert len(set(locations)) == PARALLEL * ROUNDS
    expected = [f"中原教信〔{clock.today().year}〕{n:04d}" for n in range(1, PARALLEL * ROUNDS + 1)]
    for _ in range(100):  # ZEO delivers the other server's invalidations asynchronously
        with site_of(zeo_apps[0]) as site:
            numbers = sorted(
                c.number for c in site["zhongyuan"].values() if getattr(c, "type_name", "") == "case"
            )
        if numbers == expected:
            break
        time.sleep(0.1)
    assert numbers == expected


def test_the_registered_message_waits_for_the_commit(app, register, site_of, monkeypatch):
    """When the commit fails (a full disk), the error page announces no case number."""
    import transaction

    t = TestApp(app)
    login(t, "zy_officer")

    class DiskFull:
        def sortKey(self):
            return "~disk-full"

        def tpc_begin(self, txn):
            pass

        def commit(self, txn):
            pass

        def tpc_vote(self, txn):
            raise OSError(28, "No space left on device")

        def tpc_abort(self, txn):
            pass

        abort = tpc_finish = tpc_abort

    from portal.cases import views

    real = views.register_case

    def failing(*args, **kw):
        transaction.get().join(DiskFull())
        return real(*args, **kw)

    monkeypatch.setattr(views, "register_case", failing)
    res = register(t, unit="/zhongyuan", status=500)
    assert "系统繁忙" in res.text and "已登记" not in res.text
    assert "已登记" not in t.get("/zhongyuan/").text  # nor on the next page
    monkeypatch.setattr(views, "register_case", real)
    res = register(t, unit="/zhongyuan", confirm_new=True)
    assert (
        f"已登记信访事项 中原教信〔{clock.today().year}〕0001" in res.follow().text
    )  # the failed one's number


def test_a_released_number_is_handed_out_again_first():
    from portal.cases.numbering import CaseCounter

    counter = CaseCounter()
    assert [counter.next() for _ in range(4)] == [1, 2, 3, 4]
    counter.release(3)
    counter.release(2)
    counter.release(2)
    counter.release(9)  # never handed out: ignored
    assert [counter.next() for _ in range(3)] == [2, 3, 5]
