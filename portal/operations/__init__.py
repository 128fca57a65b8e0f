"""Running the portal for real: production settings, the health check, and the maintenance
scripts (backup and restore, packing, retention) that the deployment's timers run.

- ``settings``: ``env:NAME`` values from the environment; production refuses unfit settings.
- ``health``: ``/@@health`` for the proxy (database reachable, last sweep run).
- ``backup``: ``portal-backup`` / ``portal-restore`` (repozo + blobs, or pg_dump).
- ``pack``: ``portal-pack`` (retention first, then pack keeping N days of history).
- ``retention``: what old records each store drops, and when.

See ``deploy/README.md`` for the whole production set-up.
"""


def includeme(config):
    config.include(".health")
