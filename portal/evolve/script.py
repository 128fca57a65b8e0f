"""``portal-evolve INI``: run pending evolve steps on the configured database."""

import argparse
import sys

import transaction

from portal.storage.scripts import open_database, settings_from


def steps_registry(settings):
    """A registry holding every concern's evolve steps (and nothing else)."""
    from pyramid.config import Configurator

    from portal import include_evolution_steps

    config = Configurator(settings=settings)
    include_evolution_steps(config)
    config.commit()
    return config.registry


def main(argv=None):
    parser = argparse.ArgumentParser(description="运行数据库升级步骤（evolve）")
    parser.add_argument("config_uri")
    parser.add_argument("--dry-run", action="store_true", help="只列出待运行的步骤")
    args = parser.parse_args(argv)
    settings = settings_from(args.config_uri)
    from portal.evolve import evolve, latest, pending
    from portal.storage import SITE_KEY

    registry = steps_registry(settings)
    code_generation = latest(registry)
    db = open_database(settings)
    try:
        conn = db.open()
        site = conn.root().get(SITE_KEY)
        if site is None:
            print("数据库为空，无需升级")
            return 0
        todo = pending(site, registry)
        print(f"数据库代数 {site.__generation__}，代码代数 {code_generation}，待运行步骤：{todo or '无'}")
        if site.__generation__ > code_generation:
            print("数据库比代码新，拒绝操作", file=sys.stderr)
            return 2
        if todo and not args.dry_run:
            evolve(site, registry=registry)
            transaction.commit()
            print(f"已升级到第 {site.__generation__} 代")
        return 0
    finally:
        db.close()
