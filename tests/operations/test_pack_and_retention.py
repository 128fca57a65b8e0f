"""Packing keeps every current object and blob and drops old history; retention drops old
notifications, the sweep's records for closed deadlines and used form challenges past their
validity, and nothing else."""

import os
from datetime import UTC, datetime, timedelta, timezone

import transaction

from portal.notifications import notify
from portal.notifications.store import get_store as notification_store
from portal.operations import pack, retention
from portal.operations.storages import check_references
from portal.testing.web import file_uri

from .conftest import attach, counts, inventory, populate


def edit_many_times(app, site_of, times=5):
    """Old revisions to pack away: rename a unit over and over."""
    for i in range(times):
        with site_of(app, commit=True) as site:
            site["zhongyuan"]["s02"].title = f"中原区实验小学（第{i}次改名）"


def test_pack_keeps_every_current_object_and_blob_and_drops_history(populated, site_of, tmp_path):
    app = populated
    later = populate(app, cases=1)[0]
    attach(app, later, b"%PDF-1.4 replaced soon")
    with site_of(app, commit=True) as site:  # a blob that no current object uses any more
        from pyramid.traversal import find_resource

        del find_resource(site, later).attachments[1]
    edit_many_times(app, site_of)
    db = app.registry._zodb_databases[""]
    with site_of(app) as site:
        before = inventory(site)
    objects_before, blobs_before = check_references(db)
    history_before = len(db.history(db.open().root()["portal"]["zhongyuan"]["s02"]._p_oid, 100))

    def blob_files():
        return sum(
            1 for _r, _d, f in os.walk(tmp_path / "db0" / "blobs") for name in f if name.endswith(".blob")
        )

    files_before = blob_files()

    size_before, size_after = pack.pack_database(db, days=0)
    assert size_after < size_before
    with site_of(app) as site:
        assert inventory(site) == before
        assert site["zhongyuan"]["s02"].title == "中原区实验小学（第4次改名）"
    assert check_references(db) == (objects_before, blobs_before)
    oid = db.open().root()["portal"]["zhongyuan"]["s02"]._p_oid
    assert len(db.history(oid, 100)) == 1 < history_before
    assert blob_files() == counts(before)["blob"] < files_before  # the dropped one is gone


def test_pack_keeps_the_days_of_history_it_is_asked_to(populated, site_of):
    app = populated
    edit_many_times(app, site_of, times=3)
    db = app.registry._zodb_databases[""]
    oid = db.open().root()["portal"]["zhongyuan"]["s02"]._p_oid
    before = len(db.history(oid, 100))
    pack.pack_database(db, days=1)  # everything happened within the last day: kept
    assert len(db.history(oid, 100)) == before


def test_the_pack_script_applies_retention_and_packs(populated, tmp_path, site_of):
    from portal.testing.web import close_app

    old = datetime.now(UTC) - timedelta(days=400)
    with site_of(populated, commit=True) as site:
        notify(
            site, ["zy_officer"], "message", "很久以前的通知", url="/", now=old, registry=populated.registry
        )
    close_app(populated)
    ini = tmp_path / "p.ini"
    ini.write_text(
        f"[app:main]\nuse = egg:zz-petition-portal\nzodbconn.uri = {file_uri(tmp_path / 'db0')}\n"
        "session.secret = " + "y" * 40 + "\nportal.pack_days = 0\n"
    )
    size = os.path.getsize(tmp_path / "db0" / "Data.fs")
    assert pack.main([str(ini)]) == 0
    assert os.path.getsize(tmp_path / "db0" / "Data.fs") < size


def test_retention_drops_old_notifications_and_keeps_recent_and_unread(app, site_of):
    now = datetime.now(UTC)
    with site_of(app, commit=True) as site:
        for days, title in (
            (400, "一年多以前"),
            (200, "半年多以前·已读"),
            (200, "半年多以前·未读"),
            (10, "十天前·已读"),
        ):
            notify(
                site,
                ["zy_officer"],
                "message",
                title,
                url="/",
                now=now - timedelta(days=days),
                registry=app.registry,
            )
        inbox = notification_store(site).inbox("zy_officer")
        for n in inbox.newest_first():
            if "已读" in n.title:
                n.read = True
                inbox.unread.change(-1)
        assert retention.prune_notifications(site, now) == 2
        titles = [n.title for n in inbox.newest_first()]
        assert titles == ["十天前·已读", "半年多以前·未读"]
        assert inbox.unread() == 1


def test_retention_keeps_the_sweep_record_of_an_open_deadline(app, site_of):
    from datetime import date

    from portal.notifications.sweep import sweep
    from tests.public.seeding import Seeder

    Seeder(app)(received_on=date(2026, 3, 2))  # an acceptance deadline, open, overdue soon
    with site_of(app, commit=True) as site:
        store = notification_store(site)
        sweep(site, app.registry, datetime(2026, 3, 30, 9, tzinfo=timezone(timedelta(hours=8))))
        open_keys = set(store.raised.keys())
        assert open_keys
        store.raised[(123456789, "handling", "overdue", "2025-01-01")] = datetime(2025, 1, 2, tzinfo=UTC)
        dropped = retention.prune_sweep_records(site, datetime(2026, 12, 1, tzinfo=UTC))
        assert dropped == 1 and set(store.raised.keys()) == open_keys


def test_retention_drops_used_challenges_past_their_validity(app, site_of):
    import time

    now = time.time()
    with site_of(app, commit=True) as site:
        used = site.public_area.used_challenges
        used[(int(now - 3 * 3600), "old")] = now - 3 * 3600
        used[(int(now - 60), "new")] = now - 60
        assert retention.apply(site, datetime.fromtimestamp(now, UTC))["used_challenges"] == 1
        assert [k[1] for k in used.keys()] == ["new"]
        assert not hasattr(site, "signin_failures")  # throttles keep nothing in the database
        assert not hasattr(site.public_area, "throttle")
    transaction.abort()
