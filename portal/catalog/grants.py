"""Where grants are held, found through the ``local_principals`` index: the finder the security
policy looks up under ``portal.security.relations.GRANTED_NODES`` (security sits below the
catalog and imports none of it). Included by the catalog; the sweep's notices ask it who may
act on a case."""

from hypatia.query import Any

from portal.security.relations import GRANTED_NODES

from .catalog import search


def granted_nodes(site, principals):
    """The nodes of ``site`` on which any of ``principals`` holds local roles."""
    return search(site, Any(site.catalog["local_principals"], list(principals))).all()


def includeme(config):
    config.registry[GRANTED_NODES] = granted_nodes
