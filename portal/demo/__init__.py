"""The demo database: Zhengzhou's real county list, a few schools in each, one account per role."""


def includeme(config):
    """Fill the database with the demo at start-up (``portal.make_config`` includes this when
    ``portal.demo`` is true): registers the seeder ``portal.storage.bootstrap`` calls."""
    from portal.storage.bootstrap import SEEDER_KEY

    from .populate import populate, print_accounts

    config.registry[SEEDER_KEY] = (populate, print_accounts)
