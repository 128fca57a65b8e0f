"""A leader's 批示待反馈 is read from the keys of the instructions still waiting, never by walking
every instruction the leader gave (a city leader gives thousands over the years); a bureau's
阅知上报事项 likewise from the keys of the matters raised to it and not yet acknowledged."""

import datetime

import transaction
from persistent.mapping import PersistentMapping

from portal.duties.instructions import Instruction, Raised, awaiting_acknowledgement, pending_for
from portal.duties.store import DutiesStore
from tests.loads import loads_of

AT = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


class Site(PersistentMapping):
    """Just what ``pending_for`` reads of the site: ``duties``."""


def _instruction(i, fed_back):
    at = AT + datetime.timedelta(minutes=i)
    return Instruction(
        f"/zhongyuan/c{i:05d}",
        f"郑教信〔2026〕{i:04d}",
        "city_leader",
        "赵志刚",
        at,
        "请依法依规办理",
        fed_back_at=at if fed_back else None,
        fed_back_by="city_officer" if fed_back else "",
        result="已办结" if fed_back else "",
    )


def _store(root, fed_back, pending):
    site = root["site"] = Site()
    store = site.duties = DutiesStore(since="2026-01")
    for i in range(fed_back + pending):
        instruction = _instruction(i, fed_back=i < fed_back)
        key = ("city_leader", instruction.case_path, instruction.instructed_at.isoformat())
        store.instructions[key] = instruction
        if instruction.pending:
            store.pending_instructions[key] = True
    return site


def test_only_the_instructions_waiting_are_listed_oldest_first(memory_db):
    conn = memory_db.open()
    site = _store(conn.root(), fed_back=5, pending=2)
    assert [i.number for i in pending_for(site, "city_leader")] == [
        "郑教信〔2026〕0005",
        "郑教信〔2026〕0006",
    ]
    assert pending_for(site, "city_deputy") == []
    transaction.abort()
    conn.close()


def test_the_instructions_fed_back_are_not_loaded():
    numbers, loads = loads_of(
        lambda root: _store(root, fed_back=3000, pending=1),
        lambda root: [i.number for i in pending_for(root["site"], "city_leader")],
        warm=lambda root: root["site"].duties._p_activate(),
    )
    assert numbers == ["郑教信〔2026〕3000"]
    assert loads <= 8, loads  # the keys waiting, and the way to one instruction's bucket


def _raised_store(root, acknowledged, waiting):
    site = root["site"] = Site()
    store = site.duties = DutiesStore(since="2026-01")
    for i in range(acknowledged + waiting):
        at = AT + datetime.timedelta(minutes=i)
        done = i < acknowledged
        raised = Raised(
            f"/zhongyuan/c{i:05d}",
            f"郑教信〔2026〕{i:04d}",
            "/zhongyuan",
            "/",
            "可能引发群体上访",
            "zy_officer",
            at,
            acknowledged_by="city_officer" if done else "",
            acknowledged_at=at if done else None,
        )
        store.raised[(raised.case_path, at.isoformat())] = raised
        if not done:
            store.raised_waiting[("/", raised.case_path, at.isoformat())] = True
    return site


def test_the_matters_raised_and_acknowledged_are_not_loaded(memory_db):
    conn = memory_db.open()
    site = _raised_store(conn.root(), acknowledged=30, waiting=1)
    assert [r.number for r in awaiting_acknowledgement(site, "/")] == ["郑教信〔2026〕0030"]
    assert awaiting_acknowledgement(site, "/jinshui") == []
    transaction.abort()
    conn.close()

    numbers, loads = loads_of(
        lambda root: _raised_store(root, acknowledged=3000, waiting=1),
        lambda root: [r.number for r in awaiting_acknowledgement(root["site"], "/")],
        warm=lambda root: root["site"].duties._p_activate(),
    )
    assert numbers == ["郑教信〔2026〕3000"]
    assert loads <= 8, loads
