"""One node of the organisation tree, and the site root (the city bureau)."""

from BTrees.OOBTree import OOBTree, OOTreeSet

from portal import clock

from .folder import Folder
from .kinds import get_kind


class Unit(Folder):
    """An organisation unit: the city bureau, a county bureau, a department or a school.

    Attributes: ``title`` (Chinese name), ``kind`` (a ``kinds.KINDS`` id), ``code`` (the unit's own
    code, free text), ``active`` (deactivated units stay in the tree and their history stays
    readable, but they are hidden from pickers). Security data lives in ``__local_roles__``
    (principal -> tuple of role ids) and ``__block_inheritance__``; change it only through
    ``portal.security.localroles``.
    """

    type_name = "unit"
    __block_inheritance__ = False
    order = None  # 排序号 among siblings; None: the city's list decides (portal.resources.order)
    #: The names of the children that are units: a unit also holds its cases (thousands), and
    #: listing its subunits must not walk them. None on a unit stored before evolve step 25.
    _unit_names = None

    def __init__(self, title, kind, code=""):
        super().__init__()
        get_kind(kind)
        self.title = title
        self.kind = kind
        self.code = code
        self.active = True
        self.created = self.modified = clock.now()
        self.__local_roles__ = OOBTree()
        self._unit_names = OOTreeSet()

    @property
    def kind_title(self):
        return get_kind(self.kind).title

    def may_contain(self, kind):
        return kind in get_kind(self.kind).children

    def child_units(self):
        """The children that are units, in no particular order, without walking the other
        children (the unit's cases)."""
        if self._unit_names is None:  # stored before evolve step 25
            return (v for v in self.values() if isinstance(v, Unit))
        return (self.data[name] for name in self._unit_names)

    def subunits(self):
        """The children that are units, in the city's order (``portal.resources.order``)."""
        from .order import sibling_key

        return iter(sorted(self.child_units(), key=sibling_key))

    def _child_added(self, name, obj):
        if isinstance(obj, Unit) and self._unit_names is not None:
            self._unit_names.add(name)

    def _child_removed(self, name, obj):
        if isinstance(obj, Unit) and self._unit_names is not None:
            self._unit_names.remove(name)

    def index_unit_names(self):
        """(Re)build the names of the children that are units from the children themselves
        (evolve step 25); returns them."""
        self._unit_names = OOTreeSet(name for name, v in self.items() if isinstance(v, Unit))
        return self._unit_names


class Site(Unit):
    """The root of the tree: 郑州市教育局 itself, plus the portal-wide utilities.

    ``catalog``/``users``/``settings`` are plain attributes, not children, so they are never
    reachable by traversal. ``__generation__`` is the evolve generation of the stored data.
    """

    __generation__ = 0

    @property
    def __acl__(self):
        """Generated from the role table in code, so a changed table needs no evolve step."""
        from portal.security.roles import root_acl

        return root_acl()
