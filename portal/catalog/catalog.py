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
from hypatia.query import All, Any, Eq
from pyramid.traversal import find_root

from . import discriminators as d
from .compact import COMPACT, TEXT, UNTRACKED
from .splitter import terms


def Field(discriminator):
    return untracked(FieldIndex(discriminator, family=COMPACT))


def Keyword(discriminator, family=COMPACT, tree_threshold=None):
    index = KeywordIndex(discriminator, family=family)
    if tree_threshold is not None:
        index.tree_threshold = tree_threshold
    return untracked(index)


def untracked(index):
    """``index`` without the set of documents it holds no value for (``compact.UNTRACKED``)."""
    index._not_indexed = UNTRACKED
    return index


# The text index is a keyword index over the terms of each object's text (CJK bigrams and
# words, see ``splitter``): queries ask for documents holding every term, and a set of docids
# per term is all that takes (no scores), which keeps what a registration writes small. A rare
# term's docids are one small set object, rewritten whole on each insert, until there are
# TEXT_TREE_THRESHOLD of them; then a tree with small leaves (``compact.TextTreeSet``).
TEXT_TREE_THRESHOLD = 16
INDEXES = {
    "type_name": lambda: Field(d.type_name),
    "path": lambda: Keyword(d.path),
    "grants_path": lambda: Keyword(d.grants_path),
    "parent_path": lambda: Field(d.parent_path),
    "kind": lambda: Field(d.kind),
    "state": lambda: Field(d.state),
    "title": lambda: Field(d.title),
    "sort_key": lambda: Field(d.sort_key),
    "created": lambda: Field(d.created),
    "text": lambda: Keyword(d.text_terms, family=TEXT, tree_threshold=TEXT_TREE_THRESHOLD),
    "allowed": lambda: Keyword(d.allowed),
    "local_principals": lambda: Keyword(d.local_principals),
    "deadline_due": lambda: Field(d.deadline_due),
    "channel": lambda: Field(d.channel),
    "received_on": lambda: Field(d.received_on),
    "owner": lambda: Field(d.owner),
    "responsible_unit": lambda: Field(d.responsible_unit),
    "level_skipping": lambda: Field(d.level_skipping),
    "identity_keys": lambda: Keyword(d.identity_keys),
    "worklist_tokens": lambda: Keyword(d.worklist_tokens),
    "relations": lambda: Keyword(d.relations),
    "relation_paths": lambda: Keyword(d.relation_paths),
    "shielded": lambda: Keyword(d.shielded),
}

# Indexes no query used, dropped by evolve step 22 (each was a bucket or more per change).
RETIRED_INDEXES = ("modified", "workflow_id")

SECURITY_INDEXES = ("allowed", "local_principals", "worklist_tokens")
LOCATION_INDEXES = ("path", "grants_path", "parent_path", "allowed", "sort_key")


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


MAX_DOCID = 2**31 - 1  # docmap is an IOBTree: 32-bit keys


def _new_docid(docmap):
    """A free docid: the one after the last this connection took, from a random free point
    for a connection's first.

    Consecutive docids keep what one change writes together: every index keyed by docid (the
    sets of each value, the text postings, the reverse indexes, the docmap) gets the new docid
    in the bucket the connection's previous one went to, not in a random bucket all over each
    tree (``bench/cases.py`` prints the bytes written per registration). Each connection (a
    worker thread of a process) runs in its own stretch of the range, as Zope's catalog does,
    so concurrent registrations do not take the same docid and conflict on the docmap.
    """
    jar = docmap._p_jar
    docid = getattr(jar, "portal_next_docid", None) or random.randint(1, MAX_DOCID)
    while docid > MAX_DOCID or docid in docmap:
        docid = random.randint(1, MAX_DOCID) if docid > MAX_DOCID else docid + 1
    if jar is not None:
        jar.portal_next_docid = docid + 1
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


def reindex_marked_values(site):
    """Evolve only: the values of the field indexes stored as ``TranslationString`` (an older
    ``title`` discriminator returned a document type's marked title) become plain ``str``.
    A reindex alone keeps them (a ``TranslationString`` equals its text), so each document
    holding one, or filed under one, is taken out of that index and indexed again. Returns
    ``{index name: number of documents reindexed}``."""
    done = {}
    for name, index in site.catalog.items():
        if not isinstance(index, FieldIndex):
            continue
        docids = {docid for docid, value in index._rev_index.items() if _marked(value)}
        for value, ids in index._fwd_index.items():
            if _marked(value):
                docids.update(ids)
        for docid in docids:
            index.unindex_doc(docid)
        for docid in docids:
            obj = site.docmap.get(docid)
            if obj is not None:
                reindex_object(obj, (name,), site)
        if docids:
            done[name] = len(docids)
    return done


def _marked(value):
    return isinstance(value, str) and type(value) is not str


def walk(obj):
    """``obj`` and every descendant, depth first (used for subtrees not yet indexed)."""
    stack = [obj]
    while stack:
        node = stack.pop()
        yield node
        values = getattr(node, "values", None)
        if values is not None:
            stack.extend(values())


def subtree_docids(site, node_path, index="path"):
    return Eq(site.catalog[index], node_path).execute().ids


def resolve(site, docid):
    return site.docmap.get(docid)


def allowed_query(site, principals):
    return Any(site.catalog["allowed"], list(principals))


def text_query(site, text):
    """A query for objects whose text contains every term of ``text``; None when ``text`` is
    blank (no filter), and a query matching nothing when it holds no searchable term."""
    if not (text or "").strip():
        return None
    words = list(dict.fromkeys(terms(text)))
    return All(site.catalog["text"], words) if words else Any(site.catalog["path"], [])


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
            rs = self.rs.sort(
                self.site.catalog[self.sort_index],
                reverse=self.reverse,
                limit=offset + limit,
                raise_unsortable=False,
            )
            ids = list(rs.ids)[offset : offset + limit]
        else:
            ids = sorted(self.rs.ids)[offset : offset + limit]
        return [obj for obj in (resolve(self.site, i) for i in ids) if obj is not None]

    def all(self):
        return self.page(0, self.total)

    def docids(self):
        return self.rs.ids


def search(site, query, sort_index=None, reverse=False):
    return Results(site, query.execute(), sort_index, reverse)
