"""A persistent container that holds thousands of children without loading them all.

Children live in an ``OOBTree`` keyed by name; the count is a ``BTrees.Length`` so that two
transactions adding children to the same folder do not conflict on a counter.
"""

import re

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry

from .events import ObjectAdded, ObjectMoved, ObjectWillBeRemoved

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class NameError_(ValueError):
    """A child name is malformed or already taken; ``str()`` is a Chinese message for the user."""


def _notify(registry, event):
    registry = registry or get_current_registry()
    registry.notify(event)


class Folder(Persistent):
    """An ordered-by-name mapping of child resources with Zope-style ``__parent__``/``__name__``.

    Contract: names are ASCII slugs (``NAME_RE``); ``add`` refuses a taken or malformed name;
    ``add``, ``remove`` and ``move`` send events through the registry so that indexing follows.
    """

    __parent__ = None
    __name__ = None

    def __init__(self):
        self.data = OOBTree()
        self._num = Length(0)

    # -- mapping protocol -------------------------------------------------
    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __contains__(self, name):
        return name in self.data

    def __len__(self):
        return self._num()

    def __bool__(self):
        return True

    def __iter__(self):
        return iter(self.data.keys())

    def keys(self):
        return self.data.keys()

    def values(self):
        return self.data.values()

    def items(self):
        return self.data.items()

    # -- hooks for subclasses that keep an index of some children ------------
    def _child_added(self, name, obj):
        """Called once ``obj`` is stored under ``name`` (by ``add`` and ``move``)."""

    def _child_removed(self, name, obj):
        """Called once the child ``name`` is gone (by ``remove`` and ``move``)."""

    # -- changes -----------------------------------------------------------
    def check_name(self, name):
        """Raise ``NameError_`` unless ``name`` is a well-formed, free child name."""
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise NameError_("标识只能由小写字母、数字、“-”和“_”组成，以字母或数字开头，最长64个字符")
        if name.startswith("@@") or name in self.data:
            raise NameError_(f"标识“{name}”已被同级机构使用")
        return name

    def add(self, name, obj, registry=None, send_events=True):
        """Attach ``obj`` under ``name`` and send ``ObjectAdded``. Returns ``obj``."""
        self.check_name(name)
        obj.__parent__ = self
        obj.__name__ = name
        self.data[name] = obj
        self._num.change(1)
        self._child_added(name, obj)
        if send_events:
            _notify(registry, ObjectAdded(obj, self, name))
        return obj

    def remove(self, name, registry=None, send_events=True):
        """Detach and return the child ``name``, sending ``ObjectWillBeRemoved`` first."""
        obj = self.data[name]
        if send_events:
            _notify(registry, ObjectWillBeRemoved(obj, self, name))
        del self.data[name]
        self._num.change(-1)
        self._child_removed(name, obj)
        obj.__parent__ = None
        return obj

    def move(self, name, target, new_name=None, registry=None):
        """Move child ``name`` into folder ``target`` (optionally renamed) and send ``ObjectMoved``.

        Refuses to move a folder into itself or one of its descendants.
        """
        obj = self.data[name]
        new_name = new_name or name
        node = target
        while node is not None:
            if node is obj:
                raise NameError_("不能把机构移动到它自己或它的下级机构之下")
            node = node.__parent__
        target.check_name(new_name)
        del self.data[name]
        self._num.change(-1)
        self._child_removed(name, obj)
        obj.__parent__ = target
        obj.__name__ = new_name
        target.data[new_name] = obj
        target._num.change(1)
        target._child_added(new_name, obj)
        _notify(registry, ObjectMoved(obj, target, new_name, self, name))
        return obj
