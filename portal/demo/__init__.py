"""The demo database: Zhengzhou's real county list, a few schools in each, one account per role.

Included by ``portal.make_config`` only when ``portal.demo`` is true.
"""


def seed(site, settings, registry):
    """Build the demo on an empty site (committed), then print its accounts."""
    import transaction

    from .populate import populate, print_accounts

    if populate(site, settings, registry):
        transaction.commit()
    print_accounts(settings)


def includeme(config):
    from portal.storage.bootstrap import SEED_KEY

    config.registry[SEED_KEY] = seed
