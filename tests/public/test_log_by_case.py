"""A case's publication page reads the log's lines about that case through ``log_by_case``,
never the whole log (a line for every case accepted: 200,000 of them at city scale); step 29
indexes the lines kept before."""

import datetime

import transaction

from portal.public.evolution import step_29_log_by_case
from portal.public.store import LogEntry, PublicStore
from tests.loads import loads_of

AT = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def _filled(root, cases):
    store = root["public"] = PublicStore()
    for i in range(cases):
        when = AT + datetime.timedelta(minutes=i)
        store.record(
            LogEntry(when, "zy_officer", "issue_code", f"/zhongyuan/c{i:05d}", f"{i:04d}", "受理时生成查询码")
        )
    later = AT + datetime.timedelta(days=2)
    store.record(LogEntry(later, "city_officer", "publish", "/zhongyuan/c00007", "0007", "公开"))
    return store


def test_a_cases_lines_oldest_first_and_no_other(memory_db):
    conn = memory_db.open()
    store = _filled(conn.root(), 20)
    assert [e.action for e in store.entries_of("/zhongyuan/c00007")] == ["issue_code", "publish"]
    assert [e.number for e in store.entries_of("/zhongyuan/c00008")] == ["0008"]
    assert store.entries_of("/zhongyuan/c00007x") == [] and store.entries_of("/zhongyuan") == []
    transaction.abort()
    conn.close()


def test_the_other_cases_lines_are_not_loaded():
    actions, loads = loads_of(
        lambda root: _filled(root, 3000),
        lambda root: [e.action for e in root["public"].entries_of("/zhongyuan/c00007")],
        warm=lambda root: root["public"]._p_activate(),
    )
    assert actions == ["issue_code", "publish"]
    assert loads <= 10, loads


def test_step_29_indexes_the_lines_kept_before(memory_db):
    conn = memory_db.open()
    store = _filled(conn.root(), 20)
    store.log_by_case.clear()  # as a store kept before the index
    assert store.entries_of("/zhongyuan/c00007") == []

    class Site:
        public_area = store

    assert step_29_log_by_case(Site()) == {"lines": 21}
    assert [e.action for e in store.entries_of("/zhongyuan/c00007")] == ["issue_code", "publish"]
    transaction.abort()
    conn.close()
