"""The store and the API: per-user inboxes, unread counters, marking, conflict-free adding."""

from datetime import timedelta

import pytest
import transaction

from portal.notifications import install, mark_all_read, mark_read, notify, unread_count
from portal.notifications.centre import notifications_of
from portal.notifications.store import NotificationStore, get_store

from .conftest import IN_HOURS


def test_install_is_idempotent_and_runs_on_new_sites(app, site_of):
    with site_of(app, commit=True) as site:
        store = get_store(site)
        assert isinstance(store, NotificationStore)
        notify(site, ["zy_officer"], "message", "测试通知", registry=app.registry, now=IN_HOURS)
        install(site)
        assert get_store(site) is store and unread_count(site, "zy_officer") == 1


def test_notify_adds_one_unread_notice_per_active_user(app, site_of):
    with site_of(app, commit=True) as site:
        site.users.get("js_officer").active = False
        done = notify(
            site,
            ["zy_officer", "zy_officer", "js_officer", "nobody", "zy_head"],
            "task",
            "请处理新交办的事项",
            body="详情",
            url="/zhongyuan/",
            registry=app.registry,
            now=IN_HOURS,
        )
        assert done == ["zy_officer", "zy_head"]
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 1 and unread_count(site, "zy_head") == 1
        assert unread_count(site, "js_officer") == 0 and unread_count(site, "nobody") == 0
        [n] = notifications_of(site, "zy_officer")
        assert (n.kind, n.title, n.body, n.url, n.read) == (
            "task",
            "请处理新交办的事项",
            "详情",
            "/zhongyuan/",
            False,
        )
        assert n.created == IN_HOURS and n.created.utcoffset() == timedelta(hours=8)
        assert n.created.tzinfo.__class__.__name__ == "timezone"  # storable, not ZoneInfo


def test_unknown_kind_and_empty_title_are_refused(app, site_of):
    with site_of(app) as site:
        with pytest.raises(KeyError):
            notify(site, ["zy_officer"], "no_such_kind", "标题", registry=app.registry)
        with pytest.raises(ValueError):
            notify(site, ["zy_officer"], "task", "", registry=app.registry)


def test_mark_read_and_mark_all(app, site_of):
    with site_of(app, commit=True) as site:
        for i in range(3):
            notify(
                site,
                ["zy_officer"],
                "message",
                f"通知{i}",
                registry=app.registry,
                now=IN_HOURS + timedelta(minutes=i),
            )
        newest, middle, oldest = notifications_of(site, "zy_officer")
        assert [newest.title, oldest.title] == ["通知2", "通知0"]
        assert mark_read(site, "zy_officer", [str(newest.id), "junk", newest.id]) == 1
        assert unread_count(site, "zy_officer") == 2
        assert mark_read(site, "zy_head", [middle.id]) == 0  # not theirs: not found
        assert not middle.read
        assert mark_all_read(site, "zy_officer") == 2
        assert mark_all_read(site, "zy_officer") == 0
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 0
        assert all(n.read for n in notifications_of(site, "zy_officer"))


def test_concurrent_notices_for_one_user_do_not_conflict(app, site_of):
    with site_of(app, commit=True) as site:
        notify(site, ["zy_officer"], "message", "第一条", registry=app.registry, now=IN_HOURS)
    db = app.registry._zodb_databases[""]
    tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
    c1, c2 = db.open(transaction_manager=tm1), db.open(transaction_manager=tm2)
    try:
        s1, s2 = c1.root()["portal"], c2.root()["portal"]
        notify(
            s1,
            ["zy_officer"],
            "message",
            "并发一",
            registry=app.registry,
            now=IN_HOURS + timedelta(seconds=1),
        )
        notify(
            s2,
            ["zy_officer"],
            "message",
            "并发二",
            registry=app.registry,
            now=IN_HOURS + timedelta(seconds=2),
        )
        tm1.commit()
        tm2.commit()  # would raise ConflictError without BTree/Length conflict resolution
    finally:
        c1.close()
        c2.close()
    with site_of(app) as site:
        assert unread_count(site, "zy_officer") == 3
        assert {n.title for n in notifications_of(site, "zy_officer")} == {"第一条", "并发一", "并发二"}
