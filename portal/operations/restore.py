"""``portal-restore INI --to DIR [--date D]`` / ``portal-restore INI --to-database NAME``.

Restores what ``portal-backup`` wrote into something *new*, never over the running database:

- FileStorage backups: ``repozo -R`` rebuilds ``DIR/Data.fs`` as of the newest backup (or the
  last one at or before ``--date YYYY-MM-DD[-HH-MM-SS]``), and the blob snapshot of that
  backup is copied to ``DIR/blobs``. Then the restored database is opened and every object
  reachable from the root loaded and every blob opened (``storages.check_references``).
  Point ``PORTAL_ZODB_URI`` (or the ZEO server's ``zeo.conf``) at ``DIR`` to use it.
- PostgreSQL backups: a new database ``NAME`` is created and the newest dump (or ``--file``)
  is restored into it with ``pg_restore``; point ``PORTAL_ZODB_URI`` at it.
"""

import argparse
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .backup import tool
from .storages import check_references, describe


def restore_filestorage(backup_dir, target, date=None):
    target = Path(target)
    if (target / "Data.fs").exists():
        raise SystemExit(f"{target}/Data.fs exists: restore into a new directory")
    target.mkdir(parents=True, exist_ok=True)
    repository = Path(backup_dir) / "filestorage"
    command = [tool("repozo"), "-R", "-r", str(repository), "-o", str(target / "Data.fs")]
    if date:
        command += ["-D", date]
    subprocess.run(command, check=True)
    snapshots = Path(backup_dir) / "blobs"
    chosen = None
    if snapshots.exists():
        names = sorted(p.name for p in snapshots.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
        if date:
            names = [n for n in names if n <= _full_stamp(date)]
        chosen = names[-1] if names else None
    if chosen is not None:
        shutil.copytree(snapshots / chosen, target / "blobs")
    return {"data_fs": str(target / "Data.fs"), "blobs": chosen}


def _full_stamp(date):
    """``2026-11-20`` -> ``2026-11-20-23-59-59`` (repozo's -D is inclusive of the day)."""
    parts = date.split("-")
    defaults = ["", "", "", "23", "59", "59"]
    return "-".join(parts + defaults[len(parts) :])


def verify_filestorage(target):
    """Open the restored FileStorage and check every reference and blob; (objects, blobs)."""
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    target = Path(target)
    blobs = target / "blobs"
    storage = FileStorage(
        str(target / "Data.fs"), read_only=True, blob_dir=str(blobs) if blobs.exists() else None
    )
    db = DB(storage)
    try:
        return check_references(db)
    finally:
        db.close()


def restore_postgres(info, backup_dir, database, dump=None, pg_restore="pg_restore"):
    if dump is None:
        dumps = sorted((Path(backup_dir) / "postgresql").glob("portal-*.dump"))
        if not dumps:
            raise SystemExit(f"no dump in {backup_dir}/postgresql")
        dump = dumps[-1]
    import psycopg2

    conn = psycopg2.connect(info.pg_uri)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{database}"')
    finally:
        conn.close()
    parts = urlsplit(info.pg_uri)
    new_uri = urlunsplit((parts.scheme, parts.netloc, "/" + database, "", ""))
    subprocess.run([pg_restore, "--no-owner", "--dbname", new_uri, str(dump)], check=True)
    return {"database": database, "dump": str(dump)}


def main(argv=None):
    parser = argparse.ArgumentParser(description="从备份恢复数据库到新的目录或新的数据库")
    parser.add_argument("config_uri")
    parser.add_argument("--to", help="FileStorage backups: a new directory for Data.fs and blobs")
    parser.add_argument("--date", help="restore as of this day or time (YYYY-MM-DD[-HH-MM-SS])")
    parser.add_argument("--to-database", help="PostgreSQL backups: the name of a new database")
    parser.add_argument("--file", help="PostgreSQL: the dump to restore (default: the newest)")
    parser.add_argument("--pg-restore", default="pg_restore")
    args = parser.parse_args(argv)
    from portal.storage.scripts import settings_from

    settings = settings_from(args.config_uri)
    info = describe(settings)
    backup_dir = settings["portal.backup_dir"]
    if info.kind == "postgres":
        if not args.to_database:
            parser.error("--to-database NAME is required for PostgreSQL backups")
        report = restore_postgres(info, backup_dir, args.to_database, args.file, args.pg_restore)
    else:
        if not args.to:
            parser.error("--to DIR is required for FileStorage backups")
        report = restore_filestorage(backup_dir, args.to, args.date)
        report["objects"], report["blob_files"] = verify_filestorage(args.to)
    print("恢复完成：" + ", ".join(f"{k}={v}" for k, v in report.items()))
    return 0
