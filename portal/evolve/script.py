"""``portal-evolve INI``: run pending evolve steps on the configured database."""

import argparse
import sys

import transaction

from portal.storage.scripts import open_database, settings_from


def main(argv=None):
    parser = argparse.ArgumentParser(description="运行数据库升级步骤（evolve）")
    parser.add_argument("config_uri")
    parser.add_argument("--dry-run", action="store_true", help="只列出待运行的步骤")
    args = parser.parse_args(argv)
    settings = settings_from(args.config_uri)
    from portal.evolve import LATEST, evolve, pending
    from portal.storage import SITE_KEY

    db = open_database(settings)
    try:
        conn = db.open()
        site = conn.root().get(SITE_KEY)
        if site is None:
            print("数据库为空，无需升级")
            return 0
        todo = pending(site)
        print(f"数据库代数 {site.__generation__}，代码代数 {LATEST}，待运行步骤：{todo or '无'}")
        if site.__generation__ > LATEST:
            print("数据库比代码新，拒绝操作", file=sys.stderr)
            return 2
        if todo and not args.dry_run:
            evolve(site)
            transaction.commit()
            print(f"已升级到第 {site.__generation__} 代")
        return 0
    finally:
        db.close()
