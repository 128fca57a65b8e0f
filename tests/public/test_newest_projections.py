"""The public index, the progress list and the feed read a page of the projections newest
first from ``PublicStore.newest``, never sorting them all (a city publishes thousands of
cases); the index and ``projection_count`` follow every publish, update and withdrawal, and
step 30 builds both for a store kept before."""

import datetime
from dataclasses import replace

from portal.public.evolution import step_30_projections_newest_first
from portal.public.projection import Projection
from portal.public.store import PublicStore
from tests.loads import loads_of

AT = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def projection(i, minutes=None):
    return Projection(
        key=f"k{i:05d}",
        number=f"郑教信〔2026〕{i:04d}",
        subject="反映学校收费问题",
        channel_title="来访",
        received_on=datetime.date(2026, 3, 1),
        registering_unit="中原区教育局",
        responsible_unit="中原区第一中学",
        status="办理中",
        built_at=AT + datetime.timedelta(minutes=i if minutes is None else minutes),
    )


def keys(projections):
    return [p.key for p in projections]


def consistent(store):
    assert len(store.newest) == len(store.projections) == store.projection_count()


def test_newest_first_in_pages_through_publish_update_and_withdraw():
    store = PublicStore()
    for i in range(5):
        store.put_projection(projection(i))
    assert keys(store.newest_projections()) == ["k00004", "k00003", "k00002", "k00001", "k00000"]
    assert keys(store.newest_projections(1, 3)) == ["k00003", "k00002"]
    store.put_projection(projection(1, minutes=60))  # republished: now the newest, once
    assert keys(store.newest_projections(0, 2)) == ["k00001", "k00004"]
    consistent(store)
    assert store.drop_projection("k00004").key == "k00004"
    assert store.drop_projection("k00004") is None
    assert keys(store.newest_projections()) == ["k00001", "k00003", "k00002", "k00000"]
    consistent(store)
    store.put_projection(replace(projection(2), built_at=None))  # none kept: sorts last
    assert keys(store.newest_projections())[-1] == "k00002"
    consistent(store)


def test_a_page_of_the_newest_does_not_load_them_all():
    def build(root):
        store = root["public"] = PublicStore()
        for i in range(3000):
            store.put_projection(projection(i))

    (page, count), loads = loads_of(
        build,
        lambda root: (keys(root["public"].newest_projections(0, 5)), root["public"].projection_count()),
        warm=lambda root: root["public"]._p_activate(),
    )
    assert page == [f"k{i:05d}" for i in range(2999, 2994, -1)] and count == 3000
    assert loads <= 12, loads


def test_step_30_builds_the_order_and_the_count():
    store = PublicStore()
    for i in range(4):
        store.projections[f"k{i:05d}"] = projection(i)  # as kept before the index
    del store.projection_count
    store.newest.clear()

    class Site:
        public_area = store

    assert step_30_projections_newest_first(Site()) == {"projections": 4}
    assert keys(store.newest_projections(0, 2)) == ["k00003", "k00002"]
    consistent(store)
