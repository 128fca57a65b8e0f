"""The site catalog (hypatia): creating it, keeping objects indexed, answering queries.

Objects get an integer ``__docid__`` when first indexed; ``site.docmap`` maps docids back to
the objects (a direct reference, so moving an object keeps its docid). Listings are answered
inside the index: ``allowed_query`` intersects the ``allowed`` index with the user's principals,
never by checking each result.
"""
import random

from BTrees.IOBTree import IOBTree
from hypatia.catalog import Catalog
from hypatia.field import FieldIndex
from hypatia.keyword import KeywordIndex
from hypatia.query import Any, Contains, Eq
from hypatia.text import TextIndex
from pyramid.traversal import find_root

from . import discriminators as d
from .splitter import CJKSplitter, query_text
from .text import ConcurrentLexicon, ConcurrentOkapiIndex

def _text_index():
    lexicon = ConcurrentLexicon(CJKSplitter())
    return TextIndex(d.text, lexicon=lexicon,
                     index=ConcurrentOkapiIndex(lexicon, family=TextIndex.family))


INDEXES = {
    "type_name": lambda: FieldIndex(d.type_name),
    "path": lambda: KeywordIndex(d.path),
    "parent_path": lambda: FieldIndex(d.parent_path),
    "kind": lambda: FieldIndex(d.kind),
    "state": lambda: FieldIndex(d.state),
    "title": lambda: FieldIndex(d.title),
    "sort_key": lambda: FieldIndex(d.sort_key),
    "created": lambda: FieldIndex(d.created),
    "modified": lambda: FieldIndex(d.modified),
    "text": lambda: _text_index(),
    "allowed": lambda: KeywordIndex(d.allowed),
    "local_principals": lambda: KeywordIndex(d.local_principals),
    "deadline_due": lambda: FieldIndex(d.deadline_due),
    "workflow_id": lambda: FieldIndex(d.workflow_id),
    "channel": lambda: FieldIndex(d.channel),
    "received_on": lambda: FieldIndex(d.received_on),
    "owner": lambda: FieldIndex(d.owner),
    "responsible_unit": lambda: FieldIndex(d.responsible_unit),
    "level_skipping": lambda: FieldIndex(d.level_skipping),
    "identity_keys": lambda: KeywordIndex(d.identity_keys),
    "worklist_tokens": lambda: KeywordIndex(d.worklist_tokens),
}

SECURITY_INDEXES = ("allowed", "local_principals", "worklist_tokens")
LOCATION_INDEXES = ("path", "parent_path", "allowed", "sort_key")


def install_catalog(site):
    """Give ``site`` an empty catalog with every index in ``INDEXES`` and a docid map."""
    site.catalog = Catalog()
    site.docmap = IOBTree()
    ensure_indexes(site)


def ensure_indexes(site):
    """Add indexes declared in ``INDEXES`` that the stored catalog lacks; return their names."""
    added = [name for name in INDEXES if name not in site.catalog]
    for name in added:
        site.catalog[name] = INDEXES[name]()
    return added


def _site(obj):
    return find_root(obj)


def index_object(obj, site=None):
    site = site or _site(obj)
    docid = getattr(obj, "__docid__", None)
    if docid is None:
        docid = _new_docid(site.docmap)
        obj.__docid__ = docid
        site.docmap[docid] = obj
        site.catalog.index_doc(docid, obj)
    else:
        site.catalog.reindex_doc(docid, obj)
    return docid


def _new_docid(docmap):
    while True:
        docid = random.randint(1, 2**31 - 1)
        if docid not in docmap:
            return docid


def unindex_object(obj, site=None):
    site = site or _site(obj)
    docid = getattr(obj, "__docid__", None)
    if docid is not None:
        site.catalog.unindex_doc(docid)
        site.docmap.pop(docid, None)
        del obj.__docid__


def reindex_object(obj, indexes=None, site=None):
    """Reindex ``obj`` in ``indexes`` (all when None); index it first if it never was."""
    site = site or _site(obj)
    docid = getattr(obj, "__docid__", None)
    if docid is None or indexes is None:
        return index_object(obj, site)
    for name in indexes:
        site.catalog[name].reindex_doc(docid, obj)
    return docid


def walk(obj):
    """``obj`` and every descendant, depth first (used for subtrees not yet indexed)."""
    stack = [obj]
    while stack:
        node = stack.pop()
        yield node
        values = getattr(node, "values", None)
        if values is not None:
            stack.extend(values())


def subtree_docids(site, node_path):
    return Eq(site.catalog["path"], node_path).execute().ids


def resolve(site, docid):
    return site.docmap.get(docid)


def allowed_query(site, principals):
    return Any(site.catalog["allowed"], list(principals))


def text_query(site, text):
    """A query for objects whose text contains every term of ``text``; None when ``text`` is
    blank (no filter), and a query matching nothing when it holds no searchable term."""
    if not (text or "").strip():
        return None
    q = query_text(text)
    return Contains(site.catalog["text"], q) if q else Any(site.catalog["path"], [])


class Results:
    """A sorted, sliced page of query results, resolved to objects lazily."""

    def __init__(self, site, resultset, sort_index=None, reverse=False):
        self.site = site
        self.rs = resultset
        self.total = len(resultset)
        self.sort_index = sort_index
        self.reverse = reverse

    def page(self, offset=0, limit=50):
        """Objects ``offset`` .. ``offset + limit`` in sort order (docid order when unsorted)."""
        if limit <= 0 or offset >= self.total:
            return []
        if self.sort_index:
            rs = self.rs.sort(self.site.catalog[self.sort_index], reverse=self.reverse,
                              limit=offset + limit, raise_unsortable=False)
            ids = list(rs.ids)[offset:offset + limit]
        else:
            ids = sorted(self.rs.ids)[offset:offset + limit]
        return [obj for obj in (resolve(self.site, i) for i in ids) if obj is not None]

    def all(self):
        return self.page(0, self.total)

    def docids(self):
        return self.rs.ids


def search(site, query, sort_index=None, reverse=False):
    return Results(site, query.execute(), sort_index, reverse)
