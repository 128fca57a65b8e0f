"""``portal-backup INI [--full]``: back up the database into ``portal.backup_dir``.

FileStorage (``file://``, or the ZEO server's storage named by ``portal.backup.data_fs`` and
``portal.backup.blob_dir``): ZODB's ``repozo`` writes a full backup (``--full``, or when the
repository holds none, or after a pack) or an increment with what was appended since, into
``<backup_dir>/filestorage``; then the blob directory is copied to
``<backup_dir>/blobs/<stamp>``, where ``<stamp>`` is the name repozo gave its file. Blob files
never change once written, so a file the previous snapshot already holds is hard-linked, not
copied: each snapshot is complete and costs only the new blobs. Data.fs is backed up first
and blobs second, so every blob the backed-up Data.fs refers to is in the snapshot.

PostgreSQL (``postgres://``): ``pg_dump --format=custom`` of the whole database (RelStorage keeps
blobs in it) into ``<backup_dir>/postgresql/portal-<stamp>.dump``.

``--keep N`` (``portal.backup.keep_full``, default 4): full backups to keep; older files and
snapshots are deleted. Both kinds run while the portal serves. Restore: ``portal-restore``.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .storages import describe

REPOZO_SUFFIXES = (".fs", ".fsz", ".deltafs", ".deltafsz", ".dat", ".index")


def tool(name):
    """A console script of this environment (repozo), else one on PATH."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def repozo_files(repository):
    return sorted(p for p in Path(repository).glob("*") if p.suffix in REPOZO_SUFFIXES)


def newest_stamp(repository):
    """The timestamp name (``2026-11-20-01-30-00``) of the newest repozo file."""
    files = [p for p in repozo_files(repository) if p.suffix in (".fs", ".fsz", ".deltafs", ".deltafsz")]
    return max(p.stem for p in files) if files else None


def snapshot_blobs(blob_dir, snapshots, stamp):
    """Copy ``blob_dir`` to ``snapshots/<stamp>``, hard-linking files the previous snapshot
    holds with the same size; return (files, copied)."""
    snapshots = Path(snapshots)
    snapshots.mkdir(parents=True, exist_ok=True)
    previous = sorted(p for p in snapshots.iterdir() if p.is_dir() and p.name < stamp)
    previous = previous[-1] if previous else None
    target = snapshots / (stamp + ".partial")
    shutil.rmtree(target, ignore_errors=True)
    files = copied = 0
    source = Path(blob_dir)
    for folder, dirs, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        if relative.parts[:1] == ("tmp",):
            dirs[:] = []
            continue
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            src, dst = Path(folder) / name, target / relative / name
            old = previous / relative / name if previous is not None else None
            files += 1
            if (
                old is not None
                and old.exists()
                and old.stat().st_size == src.stat().st_size
                and name != ".layout"
            ):
                os.link(old, dst)
            else:
                shutil.copy2(src, dst)
                copied += 1
    target.rename(snapshots / stamp)
    return files, copied


def prune(backup_dir, keep_full):
    """Delete repozo files and blob snapshots older than the ``keep_full``-th newest full backup."""
    repository = Path(backup_dir) / "filestorage"
    fulls = sorted(p.stem for p in repository.glob("*") if p.suffix in (".fs", ".fsz"))
    if len(fulls) <= keep_full:
        return 0
    oldest_kept = fulls[-keep_full]
    dropped = 0
    for path in repozo_files(repository):
        if path.stem < oldest_kept:
            path.unlink()
            dropped += 1
    snapshots = Path(backup_dir) / "blobs"
    for path in snapshots.iterdir() if snapshots.exists() else ():
        if path.is_dir() and path.name < oldest_kept:
            shutil.rmtree(path)
            dropped += 1
    return dropped


def backup_filestorage(info, backup_dir, full=False, keep_full=4):
    if not info.data_fs:
        raise SystemExit("portal.backup.data_fs is not set: back up on the host of the ZEO server")
    repository = Path(backup_dir) / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    command = [tool("repozo"), "-B", "-z", "-r", str(repository), "-f", info.data_fs]
    if full:
        command.append("-F")
    before = newest_stamp(repository)
    subprocess.run(command, check=True)
    stamp = newest_stamp(repository)
    report = {"kind": "filestorage", "stamp": stamp, "new": stamp != before}
    if info.blob_dir and os.path.isdir(info.blob_dir) and stamp is not None:
        if not (Path(backup_dir) / "blobs" / stamp).exists():
            report["blob_files"], report["blobs_copied"] = snapshot_blobs(
                info.blob_dir, Path(backup_dir) / "blobs", stamp
            )
    report["pruned"] = prune(backup_dir, keep_full)
    return report


def backup_postgres(info, backup_dir, keep_full=4, pg_dump="pg_dump"):
    target = Path(backup_dir) / "postgresql"
    target.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
    path = target / f"portal-{stamp}.dump"
    subprocess.run(
        [pg_dump, "--format=custom", "--file", str(path) + ".partial", "--dbname", info.pg_uri], check=True
    )
    os.replace(str(path) + ".partial", path)
    dumps = sorted(target.glob("portal-*.dump"))
    for old in dumps[:-keep_full] if keep_full > 0 else ():
        old.unlink()
    return {"kind": "postgresql", "stamp": stamp, "file": str(path)}


def run(settings, full=False, keep_full=None, pg_dump="pg_dump"):
    backup_dir = settings.get("portal.backup_dir")
    if not backup_dir:
        raise SystemExit("portal.backup_dir is not set")
    keep_full = keep_full or int(settings.get("portal.backup.keep_full", 4))
    info = describe(settings)
    if info.kind == "postgres":
        return backup_postgres(info, backup_dir, keep_full, pg_dump=pg_dump)
    return backup_filestorage(info, backup_dir, full, keep_full)


def main(argv=None):
    parser = argparse.ArgumentParser(description="备份数据库（repozo 全量/增量 + 附件文件；或 pg_dump）")
    parser.add_argument("config_uri")
    parser.add_argument("--full", action="store_true", help="a full backup (default: incremental)")
    parser.add_argument("--keep", type=int, default=None, help="full backups to keep (4)")
    parser.add_argument("--pg-dump", default="pg_dump", help="the pg_dump program to use")
    args = parser.parse_args(argv)
    from portal.storage.scripts import settings_from

    report = run(settings_from(args.config_uri), args.full, args.keep, pg_dump=args.pg_dump)
    print("备份完成：" + ", ".join(f"{k}={v}" for k, v in report.items()))
    return 0
