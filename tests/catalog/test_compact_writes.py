"""What one change writes: consecutive docids, a text index of term sets with small leaves, and
the evolve step that moves an existing database's scored text index over."""

from datetime import date

import transaction
from hypatia.keyword import KeywordIndex
from hypatia.text import TextIndex
from hypatia.text.lexicon import Lexicon

from portal.catalog import index_object, search, text_query
from portal.catalog.catalog import MAX_DOCID, _new_docid
from portal.catalog.compact import CompactLOBTree, TextTreeSet
from portal.catalog.splitter import CJKSplitter
from portal.resources import Unit


def test_a_connection_takes_consecutive_docids_skipping_taken_ones(app, site_of):
    with site_of(app) as site:
        units = [Unit(f"测试学校{i}", "school") for i in range(4)]
        site["zhongyuan"].add("t0", units[0], registry=app.registry)
        first = units[0].__docid__
        site.docmap[first + 2] = site  # taken meanwhile (another connection)
        for i, unit in enumerate(units[1:], 1):
            site["zhongyuan"].add(f"t{i}", unit, registry=app.registry)
        assert [u.__docid__ for u in units] == [first, first + 1, first + 3, first + 4]


def test_connections_take_docids_in_different_stretches(app):
    db = app.registry._zodb_databases[""]
    a, b = db.open(), db.open()
    try:
        first = _new_docid(a.root()["portal"].docmap), _new_docid(b.root()["portal"].docmap)
        assert abs(first[0] - first[1]) > 1000  # a random start each: no shared tail
        assert _new_docid(a.root()["portal"].docmap) == first[0] + 1
    finally:
        transaction.abort()
        a.close()
        b.close()


def test_the_top_of_the_range_restarts_at_a_random_free_point():
    from BTrees.IOBTree import IOBTree

    full = IOBTree({MAX_DOCID: "top"})
    for _ in range(20):
        assert 1 <= _new_docid(full) < MAX_DOCID


def test_text_postings_and_reverse_indexes_use_small_leaves(app, site_of):
    with site_of(app) as site:
        text = site.catalog["text"]
        assert isinstance(text, KeywordIndex) and text.family.IF.TreeSet is TextTreeSet
        assert type(site.catalog["received_on"]._rev_index) is CompactLOBTree
        # a term shared by many documents is kept in a set with small leaves
        for i in range(300):
            index_object(Unit(f"示范幼儿园{i}", "school"), site)
        postings = text._fwd_index["幼儿"]
        assert isinstance(postings, TextTreeSet)
        sizes, bucket = [], postings._firstbucket
        while bucket is not None:
            sizes.append(len(bucket))
            bucket = bucket._next
        assert sum(sizes) >= 300 and max(sizes) <= TextTreeSet.max_leaf_size
        assert len(search(site, text_query(site, "示范幼儿园")).all()) == 300
    transaction.abort()


def test_evolve_replaces_a_scored_text_index_and_search_still_finds(app, site_of):
    from portal.catalog.evolution import step_12_text_index_as_term_sets

    with site_of(app, commit=True) as site:
        old = TextIndex(lambda obj, default: getattr(obj, "title", default), lexicon=Lexicon(CJKSplitter()))
        site.catalog["text"] = old
        assert step_12_text_index_as_term_sets(site) == len(site.docmap)
        assert step_12_text_index_as_term_sets(site) == 0  # idempotent
        found = sorted(o.title for o in search(site, text_query(site, "中原区幼儿园")).all())
        assert found == ["中原区幼儿园"]
    transaction.abort()


def test_no_index_records_the_documents_it_holds_no_value_for(app, site_of):
    """Every index a document has no value for used to add its docid to a set of its own
    (hypatia's ``_not_indexed``): a bucket rewritten per index per registration. The
    negations (NotEq, NotAny) therefore range over the documents the index holds."""
    from hypatia.query import NotEq

    with site_of(app) as site:
        unit = Unit("未设状态的测试学校", "school")
        site["zhongyuan"].add("t0", unit, registry=app.registry)
        docid = unit.__docid__
        cat = site.catalog
        assert all(docid not in idx.not_indexed() for idx in cat.values())
        assert all(len(idx.not_indexed()) == 0 for idx in cat.values())
        assert docid in NotEq(cat["state"], "inactive").execute().ids  # a unit has a state
        assert docid not in NotEq(cat["deadline_due"], date(2000, 1, 1)).execute().ids  # none
        assert docid not in cat["channel"].docids()
        # indexing again, and unindexing, keep working without the set
        index_object(unit, site)
        site["zhongyuan"].remove("t0", registry=app.registry)
        assert docid not in site.docmap and not cat["path"].has_doc(docid)
    transaction.abort()


def test_indexes_no_query_uses_are_gone():
    from portal.catalog.catalog import INDEXES

    assert "modified" not in INDEXES and "workflow_id" not in INDEXES


def test_evolve_stops_tracking_unindexed_documents_and_drops_unused_indexes(app, site_of):
    from BTrees.LFBTree import LFTreeSet
    from hypatia.field import FieldIndex

    from portal.catalog import discriminators as d
    from portal.catalog.evolution import step_22_write_less_per_registration as step

    with site_of(app, commit=True) as site:
        cat = site.catalog
        cat["modified"] = FieldIndex(d.created)
        cat["state"]._not_indexed = LFTreeSet([1, 2, 3])
        step(site)
        step(site)  # idempotent
        assert "modified" not in cat
        assert all(len(idx.not_indexed()) == 0 for idx in cat.values())
        unit = Unit("测试学校", "school")
        site["zhongyuan"].add("t0", unit, registry=app.registry)
        assert unit.__docid__ not in cat["channel"].not_indexed()
    transaction.abort()
