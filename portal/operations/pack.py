"""``portal-pack INI [--days N]``: retention, then a pack that keeps N days of history.

1. ``retention.apply`` drops what is past its time (notifications, the sweep's records,
   used form challenges; see ``retention``) and commits.
2. ``DB.pack(days=N)`` (N = ``--days`` or ``portal.pack_days``, default 30) removes object
   revisions that were replaced more than N days ago and objects no longer reachable; with
   blobs it removes their unreferenced files too. Through ZEO the server packs (``pack-gc``
   in zeo.conf); on RelStorage the database does. The current state is never changed: every
   object reachable from the root and every blob it refers to stays (tests/operations).

Prints the size of Data.fs before and after for FileStorage. Run it weekly (a timer).
"""

import argparse
import os

import transaction

from portal import clock

DEFAULT_DAYS = 30


def pack_database(db, days):
    """Pack ``db`` keeping ``days`` days of history; return the FileStorage's (before, after)
    sizes in bytes when the storage is a FileStorage on this host, else (None, None)."""
    path = getattr(db.storage, "_file_name", None)
    before = os.path.getsize(path) if path else None
    db.pack(days=days)
    after = os.path.getsize(path) if path else None
    return before, after


def run(settings, days=None, now=None):
    from portal.storage import SITE_KEY
    from portal.storage.scripts import open_database

    from .retention import apply

    days = DEFAULT_DAYS if days is None else days
    now = now or clock.now()
    db = open_database(settings)
    try:
        conn = db.open()
        try:
            site = conn.root().get(SITE_KEY)
            dropped = {}
            if site is not None:
                for attempt in transaction.manager.attempts(3):
                    with attempt:
                        dropped = apply(site, now, settings)
        finally:
            transaction.abort()
            conn.close()
        before, after = pack_database(db, days)
    finally:
        db.close()
    return {"dropped": dropped, "days": days, "before": before, "after": after}


def main(argv=None):
    parser = argparse.ArgumentParser(description="过期记录清理与数据库压缩（保留最近 N 天的历史）")
    parser.add_argument("config_uri")
    parser.add_argument(
        "--days", type=float, default=None, help="days of history to keep (default: portal.pack_days or 30)"
    )
    args = parser.parse_args(argv)
    from portal.storage.scripts import settings_from

    settings = settings_from(args.config_uri)
    days = args.days if args.days is not None else float(settings.get("portal.pack_days", DEFAULT_DAYS))
    report = run(settings, days)
    sizes = ""
    if report["before"] is not None:
        sizes = f"；Data.fs {report['before'] / 2**20:.1f} MiB → {report['after'] / 2**20:.1f} MiB"
    dropped = "，".join(f"{k} {v}" for k, v in report["dropped"].items())
    print(f"已清理过期记录（{dropped}），已压缩并保留 {report['days']:g} 天历史{sizes}")
    return 0
