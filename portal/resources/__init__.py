"""Persistent, traversable resources: the container base and the organisation tree.

``Folder`` is the BTree-backed container every tree node builds on; ``Unit`` is one node of the
organisation tree (the city bureau, a county bureau, a department or a school); ``Site`` is the
root unit, the city bureau, which also carries the portal-wide utilities (catalog, users).
"""

from .folder import Folder  # noqa: F401
from .folder import NameError_ as InvalidName
from .kinds import KINDS, get_kind  # noqa: F401
from .unit import Site, Unit  # noqa: F401


def includeme(config):
    """Nothing to register: resources are plain classes; events are declared in ``events``."""
