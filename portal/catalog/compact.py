"""BTree families with smaller leaves, for indexes whose every change rewrites a leaf.

hypatia builds its trees from ``index.family`` (``BTrees.family64`` by default). A change to
one document rewrites, in every index it touches, the leaf (bucket) that holds its docid: one
leaf per text term and one per reverse index. With consecutive docids that is always the last
leaf of each tree, which a sequential insert keeps between half and completely full; the bytes
a registration writes are therefore about proportional to the leaf size (``bench/cases.py``).

- :data:`COMPACT` (every field and keyword index): reverse indexes (docid -> value) with leaves
  of :attr:`CompactLOBTree.max_leaf_size` instead of 60, and forward indexes (value -> docid
  set) with leaves of :attr:`CompactOOBTree.max_leaf_size` instead of 30 (a new value — a
  path, a title, a time — is inserted there); the docid sets keep their leaves of 120 (about
  600 bytes, and queries walk them) under small interior nodes.
- :data:`TEXT` (the text index, a keyword index over the text's terms): docid sets with leaves
  of :attr:`TextTreeSet.max_leaf_size` instead of 120, since a document touches one set per
  distinct term of its text (60-100 for a case).

Interior nodes are small too: a leaf that splits rewrites its parent, and with small leaves
that happens every few inserts (a parent of 500 children is 10 KiB; one of 32 is 0.5 KiB).

The families pickle by reference (``__reduce__``), so an index stores only their name. The
classes are module-level for the same reason: changing a leaf size here changes new leaves only.

:data:`UNTRACKED` stands in for hypatia's ``_not_indexed`` set in every index: an index no
longer records the documents it holds no value for (a case has none in ten of them, so each
registration rewrote ten more buckets). The one use of that set is the negations (NotEq,
NotAny, ...), which then range over the documents the index holds a value for, not over every
document of the catalog; combine them with a positive query (as every listing does).
"""

import BTrees
from BTrees.LFBTree import LFTreeSet
from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree


class CompactLOBTree(LOBTree):
    max_leaf_size = 16
    max_internal_size = 32


class CompactLFTreeSet(LFTreeSet):
    max_internal_size = 32


class CompactOOBTree(OOBTree):
    max_leaf_size = 10
    max_internal_size = 32


class TextTreeSet(LFTreeSet):
    max_leaf_size = 32
    max_internal_size = 32


class Untracked:
    """An always-empty docid set that ignores ``add``: hypatia's ``_not_indexed``, not kept."""

    def add(self, docid):
        pass

    insert = add

    def remove(self, docid):
        raise KeyError(docid)

    def __contains__(self, docid):
        return False

    def __len__(self):
        return 0

    def __iter__(self):
        return iter(())

    def keys(self):
        return ()

    def __reduce__(self):
        return "UNTRACKED"


UNTRACKED = Untracked()


class _Module:
    """A BTrees module (``BTrees.LFBTree``...) with some classes replaced."""

    def __init__(self, module, **replaced):
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(self._module, name)


class Family:
    """``BTrees.family64`` with some modules' classes replaced; pickled as its global name."""

    def __init__(self, name, **modules):
        self._name = name
        self.__dict__.update(modules)

    def __getattr__(self, name):
        return getattr(BTrees.family64, name)

    def __reduce__(self):
        return self._name


_OO = _Module(BTrees.family64.OO, BTree=CompactOOBTree)
COMPACT = Family(
    "COMPACT",
    IO=_Module(BTrees.family64.IO, BTree=CompactLOBTree),
    OO=_OO,
    IF=_Module(BTrees.family64.IF, TreeSet=CompactLFTreeSet),
)
TEXT = Family("TEXT", IF=_Module(BTrees.family64.IF, TreeSet=TextTreeSet), OO=_OO)
