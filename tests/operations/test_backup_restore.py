"""Backups and restore: repozo (full, then incremental) with blob snapshots, and pg_dump for
PostgreSQL; a restore into a fresh place holds every case, document and blob."""

import os
import time
from pathlib import Path

from ZODB import DB
from zodburi import resolve_uri

from portal.operations import backup, restore
from portal.testing.web import close_app, file_uri, make_app

from .conftest import PDF, attach, counts, inventory, populate


def live_inventory(app):
    conn = app.registry._zodb_databases[""].open()
    try:
        return inventory(conn.root()["portal"])
    finally:
        conn.close()


def inventory_at(uri):
    factory, kw = resolve_uri(uri)
    db = DB(factory(), **kw)
    try:
        conn = db.open()
        try:
            return inventory(conn.root()["portal"])
        finally:
            conn.close()
    finally:
        db.close()


def write_ini(path, **settings):
    lines = ["[app:main]", "use = egg:zz-petition-portal"] + [f"{k} = {v}" for k, v in settings.items()]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_full_then_incremental_backup_restores_every_case_document_and_blob(populated, tmp_path):
    app = populated
    directory = tmp_path / "db0"
    ini = write_ini(
        tmp_path / "portal.ini",
        **{
            "zodbconn.uri": file_uri(directory),
            "portal.backup_dir": tmp_path / "backups",
            "session.secret": "x" * 40,
        },
    )
    assert backup.main([ini, "--full"]) == 0
    first = live_inventory(app)
    time.sleep(1.1)  # repozo names its files by the second
    later = populate(app, cases=1)[0]
    attach(app, later, PDF + b"second attachment")
    assert backup.main([ini]) == 0  # incremental
    repository = tmp_path / "backups" / "filestorage"
    assert len(list(repository.glob("*.fsz"))) == 1 and len(list(repository.glob("*.deltafsz"))) == 1
    snapshots = sorted((tmp_path / "backups" / "blobs").iterdir())
    assert len(snapshots) == 2
    # the second snapshot hard-links what the first already held
    linked = [p for p in snapshots[1].rglob("*.blob") if os.stat(p).st_nlink > 1]
    assert len(linked) == len(list(snapshots[0].rglob("*.blob"))) > 0

    expected = live_inventory(app)
    assert counts(expected)["case"] >= 4 and counts(expected)["blob"] >= 5
    target = tmp_path / "restored"
    assert restore.main([ini, "--to", str(target)]) == 0
    assert inventory_at(file_uri(target)) == expected
    assert restore.verify_filestorage(target)[1] == counts(expected)["blob"]

    # as of the first backup: the later case is not there, everything before it is
    stamp = snapshots[0].name
    earlier = tmp_path / "as-of-first"
    restore.restore_filestorage(tmp_path / "backups", earlier, date=stamp)
    assert inventory_at(file_uri(earlier)) == first
    assert later not in first


def test_a_restore_never_overwrites_a_database(populated, tmp_path):
    import pytest

    settings = {"zodbconn.uri": file_uri(tmp_path / "db0"), "portal.backup_dir": tmp_path / "b"}
    backup.run(settings, full=True)
    with pytest.raises(SystemExit):
        restore.restore_filestorage(tmp_path / "b", tmp_path / "db0")


def test_the_restored_database_serves_the_portal(populated, tmp_path):
    backup.run({"zodbconn.uri": file_uri(tmp_path / "db0"), "portal.backup_dir": tmp_path / "b"}, full=True)
    restore.restore_filestorage(tmp_path / "b", tmp_path / "r")
    app = make_app(file_uri(tmp_path / "r"))
    try:
        from webtest import TestApp

        from portal.testing.web import login

        t = TestApp(app)
        login(t, "zy_officer")
        path = next(p for p, v in live_inventory(populated).items() if v[0] == "case")
        assert "反映学校违规收费问题" in t.get(path + "/").text
    finally:
        close_app(app)


def test_postgresql_dump_and_restore_into_a_new_database(populated, tmp_path, postgres_server):
    from portal.testing.postgres import copy_storage

    close_app(populated)  # copy the FileStorage as it is now into PostgreSQL
    name = postgres_server.create_database(f"bk_{tmp_path.name}"[:60].replace("-", "_"))
    uri = postgres_server.uri(name, blob_dir=tmp_path / "cache1")
    copy_storage(file_uri(tmp_path / "db0"), uri)
    expected = inventory_at(uri)
    settings = {"zodbconn.uri": uri, "portal.backup_dir": str(tmp_path / "pgb")}
    report = backup.run(settings, pg_dump=postgres_server.bin("pg_dump"))
    assert Path(report["file"]).exists()
    new = f"{name}_restored"
    restore.restore_postgres(
        backup.describe(settings), tmp_path / "pgb", new, pg_restore=postgres_server.bin("pg_restore")
    )
    try:
        restored = inventory_at(postgres_server.uri(new, blob_dir=tmp_path / "cache2"))
        assert restored == expected and counts(restored)["blob"] >= 3
    finally:
        postgres_server.drop_database(new)
        postgres_server.drop_database(name)
